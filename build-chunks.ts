// Chunk names shared by the ESM and CDN builds: a protocol's chunk is named after it.
interface ChunkInfo { name: string; facadeModuleId?: string | null; moduleIds?: string[] }

/** `protocol-chatwoot-[hash].js` for a protocol adapter, `[name]-[hash].js` otherwise. */
export function chunkFileName(chunk: ChunkInfo): string {
  const id = chunk.facadeModuleId ?? '';
  const match = /protocols\/([a-z0-9-]+)\/adapter\.ts$/.exec(id);
  return match ? `protocol-${match[1]}-[hash].js` : '[name]-[hash].js';
}
