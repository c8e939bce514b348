/**
 * Uploaded files, kept in memory and served back by URL, as each backend's storage would (an
 * ActiveStorage disk service, a content store ...). Keys are random, so a URL is unguessable as
 * the real ones are.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReceivedFile } from '../http.js';

/** One stored file. */
export interface StoredFile {
  key: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** The files one emulation holds. */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  put(file: Pick<ReceivedFile, 'name' | 'type' | 'bytes'>): StoredFile {
    const stored = { key: randomBytes(12).toString('hex'), name: file.name || 'file', type: file.type || 'application/octet-stream', bytes: file.bytes };
    this.files.set(stored.key, stored);
    return stored;
  }

  get(key: string): StoredFile | undefined {
    return this.files.get(key);
  }

  get size(): number {
    return this.files.size;
  }

  /** Every stored file, oldest first (for the test control routes). */
  list(): StoredFile[] {
    return [...this.files.values()];
  }
}

/** Answer with a stored file's bytes, its type, and no sniffing. */
export function sendFile(res: ServerResponse, file: StoredFile): void {
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': file.bytes.length,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=300',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  res.end(file.bytes);
}

/** The request's own origin (`http://host:port`), for the absolute URLs a backend answers with. */
export function originOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}
