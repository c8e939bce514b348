/**
 * The elements' upload on XMLHttpRequest against the Chatwoot demo server: progress is told as the
 * body goes up (never backwards, ending at 1), the answer comes back as a Response core can read,
 * a refusal keeps its status, and an abort rejects.
 */
import { expect } from '@open-wc/testing';
import { xhrUpload } from '../../src/lit/xhr-upload.js';
import { servers } from '../helpers/servers.js';

async function conversationPath(): Promise<string> {
  const base = `${servers.chatwoot}/public/api/v1/inboxes/demo-inbox/contacts`;
  const post = async (url: string) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
  const contact = await post(base) as { source_id: string };
  const conversation = await post(`${base}/${contact.source_id}/conversations`) as { id: number };
  return `${base}/${contact.source_id}/conversations/${conversation.id}/messages`;
}

describe('xhrUpload', function () {
  this.timeout(20000);

  it('reports progress up to 1 and answers with a readable Response', async () => {
    const form = new FormData();
    form.append('content', 'big one');
    form.append('attachments[]', new File([new Uint8Array(3 * 1024 * 1024)], 'big.bin', { type: 'application/octet-stream' }));
    const seen: number[] = [];
    const res = await xhrUpload(await conversationPath(), { method: 'POST', body: form, headers: { Accept: 'application/json' } }, (f) => seen.push(f));
    expect(res.status).to.equal(200);
    const body = await res.json() as { content: string; attachments: { file_size: number }[] };
    expect(body.content).to.equal('big one');
    expect(body.attachments[0]!.file_size).to.equal(3 * 1024 * 1024);
    expect(seen.length).to.be.greaterThan(0);
    expect(seen.at(-1)).to.equal(1);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), 'never backwards').to.equal(true);
  });

  it('keeps a refusal\'s status and body; an abort rejects', async () => {
    const res = await xhrUpload(`${servers.chatwoot}/public/api/v1/inboxes/nope/contacts/x/conversations/1/messages`, { method: 'POST', body: new FormData() }, () => undefined);
    expect(res.status).to.equal(404);
    expect(await res.json()).to.have.property('error');
    const abort = new AbortController();
    const pending = xhrUpload(await conversationPath(), { method: 'POST', body: new FormData(), signal: abort.signal }, () => undefined);
    abort.abort(new Error('stop'));
    let failed: unknown;
    try { await pending; } catch (err) { failed = err; }
    expect(failed).to.be.instanceOf(Error);
  });
});
