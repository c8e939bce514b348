/**
 * Attachments the way Chatwoot takes and serves them. The create-message routes take
 * `attachments[]` parts (Public::Api::V1::Inboxes::MessagesController#build_attachment, and the
 * Application API's Messages::MessageBuilder): each becomes an Attachment whose `file_type` comes
 * from its content type (FileTypeHelper: image/video/audio, else file). An API-channel inbox
 * checks neither size nor type (Attachmentable#should_validate_file? is true for website inboxes
 * only). ActiveStorage serves the file: `data_url` is `url_for(file)`, a
 * `/rails/active_storage/blobs/redirect/…` URL that redirects to the storage service (here the
 * disk service's `/rails/active_storage/disk/…`); `thumb_url` is a representation for images
 * (served here unresized: no image library), '' for other files.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type ReceivedFile } from '../http.js';
import { FileStore, sendFile } from '../shared/files.js';
import type { Attachment } from './store.js';

const BLOB = '/rails/active_storage/blobs/redirect';
const REPRESENTATION = '/rails/active_storage/representations/redirect';
const DISK = '/rails/active_storage/disk';

/** FileTypeHelper#file_type. */
function fileType(contentType: string): string {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'file';
}

/** Store the `attachments[]` parts of a create-message request; other file fields are not permitted. */
export function storeAttachments(files: FileStore, parts: ReceivedFile[], origin: string): Omit<Attachment, 'id'>[] {
  return parts.filter((p) => p.field === 'attachments[]' || p.field === 'attachments').map((p) => {
    const stored = files.put(p);
    const name = encodeURIComponent(stored.name);
    const kind = fileType(stored.type);
    return {
      file_type: kind,
      data_url: `${origin}${BLOB}/${stored.key}/${name}`,
      thumb_url: kind === 'image' ? `${origin}${REPRESENTATION}/${stored.key}/resize/${name}` : '',
      extension: null,
      file_size: stored.bytes.length,
    };
  });
}

/**
 * ActiveStorage's GET routes: a blob or representation redirect (302 to the disk service), then
 * the disk service with the bytes. Returns false for other paths; an unknown key answers 404.
 */
export function serveStorage(files: FileStore, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET') return false;
  const path = url.pathname;
  const base = [BLOB, REPRESENTATION, DISK].find((b) => path.startsWith(`${b}/`));
  if (!base) return false;
  const segments = path.slice(base.length + 1).split('/');
  const file = files.get(segments[0] ?? '');
  if (!file) {
    sendJson(res, 404, { error: 'Not Found' });
    return true;
  }
  if (base === DISK) sendFile(res, file);
  else {
    res.writeHead(302, { Location: `${DISK}/${file.key}/${segments[segments.length - 1] ?? ''}`, 'Content-Length': 0 });
    res.end();
  }
  return true;
}
