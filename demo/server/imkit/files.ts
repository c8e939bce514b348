/**
 * IMKIT's file store as its SDKs use it: `POST /files/{bucket}` with the client's headers and a
 * multipart `file` part answers `{RC, RM, result: {_id, bucketName}}` (the Flutter SDK's
 * `IMFileRequest.upload`, unwrapped by `IMApiInterceptor`); the file is then at
 * `/files/{bucketName}/{_id}` (`IMUploadFile.url`), which redirects to the bucket's storage (the
 * way IMKIT's `/stickers/res` answers 302 to a presigned S3 URL), served here under `/s3/`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpStatusError, isMultipart, readMultipart, sendJson } from '../http.js';
import { FileStore, sendFile } from '../shared/files.js';
import { authorize } from './rest.js';

/** No limit is published; the demo takes the less convenient reading (the client's default, 10 MB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const FILES = /^\/files\/([^/]+)(?:\/([^/]+))?$/;

/** Answer an upload, a file or its storage, or return false for other requests. */
export async function handleFiles(files: FileStore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method === 'GET' && url.pathname.startsWith('/s3/')) {
    const file = files.get(url.pathname.split('/')[3] ?? '');
    if (file) sendFile(res, file);
    else sendJson(res, 404, { error: 'NoSuchKey' });
    return true;
  }
  const m = FILES.exec(url.pathname);
  if (!m) return false;
  const bucket = decodeURIComponent(m[1]!);
  if (req.method === 'GET' && m[2]) {
    const file = files.get(decodeURIComponent(m[2]));
    if (!file) sendJson(res, 404, { RC: 404, RM: 'File not found', error: { code: 'FILE_NOT_FOUND', message: 'File not found' } });
    else {
      res.writeHead(302, { Location: `/s3/${encodeURIComponent(bucket)}/${file.key}`, 'Content-Length': 0 });
      res.end();
    }
    return true;
  }
  if (req.method !== 'POST' || m[2]) return false;
  try {
    authorize(req);
    const part = isMultipart(req) ? (await readMultipart(req)).files.find((f) => f.field === 'file') : undefined;
    if (!part) throw new HttpStatusError(400, 'file is required');
    if (part.bytes.length > MAX_FILE_BYTES) throw new HttpStatusError(413, 'File too large');
    const stored = files.put(part);
    sendJson(res, 200, { RC: 0, RM: 'OK', result: { _id: stored.key, bucketName: bucket } });
  } catch (error) {
    if (!(error instanceof HttpStatusError)) throw error;
    sendJson(res, error.status, { RC: error.status, RM: error.message, error: { code: error.status === 401 ? 'INVALID_TOKEN' : 'BAD_REQUEST', message: error.message } });
  }
  return true;
}
