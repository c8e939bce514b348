/**
 * Files a person sends: what a backend takes (size, type, count), the check the composer runs
 * before anything goes up, and how an upload reports its progress. No DOM: a file is a `Blob`
 * with a name (a DOM `File`, or Node's), and the request that reports progress is handed in by
 * the page (`XMLHttpRequest` in a browser; plain `fetch`, without progress, anywhere else).
 */

/** A file to send: a `File`, or any `Blob` given a name. */
export type OutgoingFile = Blob & { readonly name: string };

/** How much of an upload's body has gone out, from 0 to 1. */
export type UploadProgress = (fraction: number) => void;

/**
 * Sends one request whose body is uploaded, reporting how much of it has gone out. A browser's
 * `fetch` cannot report upload progress (Safari has no request streams), so the elements hand in
 * one made on `XMLHttpRequest`.
 */
export type UploadFetch = (url: string, init: RequestInit, progress: UploadProgress) => Promise<Response>;

/** What a backend takes in one message. */
export interface AttachmentRules {
  /** The largest file, bytes. */
  readonly maxBytes: number;
  /** How many files one message may carry. */
  readonly maxFiles: number;
  /** Media types taken: `image/*`, `application/pdf` ...; none means any. */
  readonly accept?: readonly string[];
}

/** Why a file is refused before it goes up. */
export type FileRefusal = 'size' | 'type' | 'count' | 'empty';

/** Whether `mime` matches one of `accept` (`type/*` patterns, exact types, `.ext` endings of `name`). */
export function acceptsType(accept: readonly string[] | undefined, mime: string, name = ''): boolean {
  if (!accept?.length) return true;
  const type = mime.toLowerCase();
  const lower = name.toLowerCase();
  return accept.some((a) => {
    const p = a.trim().toLowerCase();
    if (p.startsWith('.')) return lower.endsWith(p);
    return p.endsWith('/*') ? type.startsWith(p.slice(0, -1)) : type === p;
  });
}

/** Why `file` cannot go with `already` files under `rules`, or undefined when it can. */
export function refusalOf(file: { size: number; type: string; name: string }, rules: AttachmentRules, already = 0): FileRefusal | undefined {
  if (already >= rules.maxFiles) return 'count';
  if (file.size === 0) return 'empty';
  if (file.size > rules.maxBytes) return 'size';
  if (!acceptsType(rules.accept, file.type, file.name)) return 'type';
  return undefined;
}

/** An upload by plain `fetch`: no progress until the answer, then all of it. */
export function fetchUpload(fetchFn: typeof fetch): UploadFetch {
  return async (url, init, progress) => {
    const res = await fetchFn(url, init);
    progress(1);
    return res;
  };
}

/** The attachment a pending message shows for a file it is about to send. */
export function localAttachment(file: OutgoingFile): { name: string; mime: string; size: number; kind: string } {
  return { name: file.name, mime: file.type, size: file.size, kind: file.type.startsWith('image/') ? 'image' : 'file' };
}
