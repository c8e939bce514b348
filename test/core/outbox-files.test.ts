/**
 * Sends with files through the outbox: the files go with the `send` command and its progress
 * reaches the pending message; a refusal fails the message, visible, and Retry sends the same
 * files again; a confirmed send lets them go; a send with files is never written to the durable
 * outbox (its files live in memory only), so a reload does not bring it back without them.
 */
import { expect } from '@open-wc/testing';
import { HttpError } from '../../src/core/http.js';
import type { Command, CommandOf } from '../../src/core/commands.js';
import type { ChatEvent } from '../../src/core/events.js';
import { memoryStore } from '../../src/core/kv.js';
import { connected, type FakeClient } from '../helpers/fake-client.js';
import { msg } from '../helpers/fake-protocol.js';
import { settle } from '../helpers/fake-time.js';

const ONE_CONVERSATION: ChatEvent[] = [{ type: 'conversation.created', conversation: { id: 'c1' } }];
const sends = (f: FakeClient) => f.backend.commands.filter((c): c is CommandOf<'send'> => c.type === 'send');
const file = () => new File([new Uint8Array(64)], 'a.png', { type: 'image/png' });

describe('the outbox and sends with files', () => {
  it('hands the files to the backend and shows their progress on the pending message', async () => {
    const f = await connected({}, ONE_CONVERSATION);
    let release!: () => void;
    f.backend.onExecute = async (c: Command) => {
      if (c.type !== 'send') return [];
      c.progress?.(0.5);
      await new Promise<void>((r) => { release = r; });
      return [{ type: 'message.created', message: { ...msg({ id: 's1', conversationId: 'c1', text: c.text, self: true }), clientRef: c.clientRef } }];
    };
    const a = file();
    const pending = f.client.send('look', { files: [a] })!;
    expect(pending.attachments).to.deep.equal([{ name: 'a.png', mime: 'image/png', size: 64, kind: 'image' }]);
    await settle();
    expect(sends(f)[0]!.files).to.deep.equal([a]);
    expect(f.store.findMessage('c1', pending.id)?.upload).to.deep.equal({ sent: 0.5 });
    release();
    await settle();
    expect(f.store.getState().messages.get('c1')!.map((m) => m.id)).to.deep.equal(['s1']);
  });

  it('a refused upload fails the message; Retry sends the same files again; Discard lets them go', async () => {
    const f = await connected({}, ONE_CONVERSATION);
    let n = 0;
    f.backend.onExecute = async (c: Command) => {
      if (c.type !== 'send') return [];
      if (n++ === 0) throw new HttpError(422, 'POST /messages answered 422', { message: 'Attachments is invalid' });
      return [{ type: 'message.created', message: { ...msg({ id: 's1', conversationId: 'c1', text: c.text, self: true }), clientRef: c.clientRef } }];
    };
    const a = file();
    const pending = f.client.send('', { files: [a] })!;
    expect(pending.kind, 'a file alone').to.equal('file');
    await settle();
    const failed = f.store.findMessage('c1', pending.id)!;
    expect(failed.status).to.equal('failed');
    expect(failed.error).to.contain('Attachments is invalid');
    f.client.retry('c1', pending.clientRef!);
    await settle();
    expect(sends(f).map((s) => s.files)).to.deep.equal([[a], [a]]);
    expect(f.store.getState().messages.get('c1')!.map((m) => m.id)).to.deep.equal(['s1']);

    const other = f.client.send('', { files: [file()] });
    f.backend.onExecute = async () => { throw new HttpError(422, 'refused'); };
    await settle();
    f.client.discard('c1', other!.clientRef!);
    expect(f.store.findMessage('c1', other!.id)).to.equal(undefined);
  });

  it('a send with files is not kept in the durable outbox; a text send is', async () => {
    const written: unknown[] = [];
    const inner = memoryStore();
    const storage = { ...inner, set: async (k: string, v: unknown) => { written.push(v); await inner.set(k, v); } };
    const f = await connected({ storage, persist: true }, ONE_CONVERSATION);
    f.backend.onExecute = async () => { throw new HttpError(500, 'down'); };
    f.client.send('with a file', { files: [file()] });
    f.client.send('text only');
    await settle();
    f.client.dispose();
    await settle();
    const saved = JSON.stringify(written);
    expect(saved).to.contain('text only');
    expect(saved).to.not.contain('with a file');
  });
});
