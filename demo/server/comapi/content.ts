/**
 * Comapi's content API as the Foundation SDK uses it (`ContentManager#uploadContent`,
 * `urlConfig.content` = `{urlBase}/apispaces/{apiSpaceId}/content`): `POST` with the session's
 * `Authorization: Bearer`, either multipart with the file in a `file` part or JSON
 * `{data (base64), name, type}`; the answer is `IUploadContentResult {folder, id, type, url, size,
 * name}`. The message then names `url` in a part. The file is served back at that URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpStatusError, isMultipart, readJsonBody, readMultipart, sendJson } from '../http.js';
import { FileStore, originOf, sendFile } from '../shared/files.js';
import { PREFIX, profileOf } from './rest.js';
import type { ComapiStore } from './store.js';

/** No limit is published; the demo takes the less convenient reading (the client's default, 10 MB). */
export const MAX_CONTENT_BYTES = 10 * 1024 * 1024;
const SERVED = '/content/';

/** Answer an upload or a download, or return false for other requests. */
export async function handleContent(store: ComapiStore, files: FileStore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method === 'GET' && url.pathname.startsWith(SERVED)) {
    const file = files.get(url.pathname.slice(SERVED.length).split('/')[0] ?? '');
    if (file) sendFile(res, file);
    else sendJson(res, 404, { error: 'Not found' });
    return true;
  }
  if (req.method !== 'POST' || url.pathname !== `${PREFIX}/content`) return false;
  try {
    profileOf(store, req);
    let part: { name: string; type: string; bytes: Buffer } | undefined;
    if (isMultipart(req)) part = (await readMultipart(req)).files.find((f) => f.field === 'file');
    else {
      const body = await readJsonBody(req);
      if (typeof body.data === 'string') part = { name: String(body.name ?? 'file'), type: String(body.type ?? 'application/octet-stream'), bytes: Buffer.from(body.data, 'base64') };
    }
    if (!part) throw new HttpStatusError(400, 'No content: send a "file" part or {data, name, type}');
    if (part.bytes.length > MAX_CONTENT_BYTES) throw new HttpStatusError(413, 'Content too large');
    const stored = files.put(part);
    sendJson(res, 200, {
      folder: 'default', id: stored.key, type: stored.type, name: stored.name, size: stored.bytes.length,
      url: `${originOf(req)}${SERVED}${stored.key}/${encodeURIComponent(stored.name)}`,
    });
  } catch (error) {
    if (error instanceof HttpStatusError) sendJson(res, error.status, { error: error.message });
    else throw error;
  }
  return true;
}
