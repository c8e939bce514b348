// Chunk names shared by the ESM and CDN builds: a protocol's chunk is named after it.
interface ChunkInfo { name: string; facadeModuleId?: string | null; moduleIds?: string[] }

/**
 * `protocol-chatwoot-[hash].js` for a protocol (its protocol.ts), `catalog-de-[hash].js` for a message
 * catalog loaded on demand (src/i18n/catalogs/de.ts), `socketio2-` / `socketio4-[hash].js` for a
 * lazily loaded socket.io client (the size check counts the one a protocol loads by default),
 * `[name]-[hash].js` otherwise.
 */
export function chunkFileName(chunk: ChunkInfo): string {
  const id = chunk.facadeModuleId ?? '';
  const match = /protocols\/([a-z0-9-]+)\/protocol\.ts$/.exec(id);
  if (match) return `protocol-${match[1]}-[hash].js`;
  const catalog = /i18n\/catalogs\/([a-z-]+)\.ts$/.exec(id);
  if (catalog) return `catalog-${catalog[1]}-[hash].js`;
  if (/node_modules\/socket\.io-client-v2\//.test(id)) return 'socketio2-[hash].js';
  if (/node_modules\/socket\.io-client\//.test(id)) return 'socketio4-[hash].js';
  return '[name]-[hash].js';
}
