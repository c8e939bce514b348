/**
 * An upload with progress, on `XMLHttpRequest`: `fetch` reports no upload progress in any browser
 * (request streams are Chromium-only and need HTTP/2), while `xhr.upload.onprogress` works in
 * Chromium, Firefox and Safari alike. The answer comes back as a `Response`, so core reads it as
 * it reads any other.
 */
import type { UploadFetch } from '../core/uploads.js';

/** `UploadFetch` on XMLHttpRequest. */
export const xhrUpload: UploadFetch = (url, init, progress) => new Promise<Response>((resolve, reject) => {
  const xhr = new XMLHttpRequest();
  const signal = init.signal;
  const abort = (): void => xhr.abort();
  xhr.open(init.method ?? 'POST', url);
  xhr.withCredentials = init.credentials === 'include';
  for (const [k, v] of new Headers(init.headers).entries()) xhr.setRequestHeader(k, v);
  xhr.responseType = 'blob';
  xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) progress(Math.min(1, e.loaded / e.total)); };
  xhr.onload = () => {
    signal?.removeEventListener('abort', abort);
    progress(1);
    const headers = new Headers();
    for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
      const at = line.indexOf(':');
      if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
    // A status outside 200-599 (0 is a network failure, handled by onerror) cannot make a Response.
    resolve(new Response(xhr.status === 204 ? null : xhr.response as Blob, { status: xhr.status, statusText: xhr.statusText, headers }));
  };
  const fail = (why: string) => () => {
    signal?.removeEventListener('abort', abort);
    reject(signal?.aborted ? signal.reason : new TypeError(why));
  };
  xhr.onerror = fail('network error');
  xhr.onabort = fail('aborted');
  xhr.ontimeout = fail('timed out');
  if (signal?.aborted) { reject(signal.reason); return; }
  signal?.addEventListener('abort', abort, { once: true });
  xhr.send(init.body as XMLHttpRequestBodyInit);
});
