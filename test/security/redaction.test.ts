/**
 * Redaction of every error surface, and plain-language send failures.
 *
 * A server that echoes the credentials in its error body (and in its error text, and in the URL it
 * was called at) must not hand them to `parley-error` listeners: not in the message, the stack, the
 * frame, a cause, a cause's `body`, or a cause of a cause. The person sees why a send failed in
 * plain words, with the server's own reason and no URL, in a notice that fits the panel.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { ParleyError } from '../../src/core/errors.js';
import { HttpError, requestJson } from '../../src/core/http.js';
import type { ChatEvent } from '../../src/core/events.js';
import { connected } from '../helpers/fake-client.js';
import { registerFake, until, type FakeBackend } from '../helpers/fake-protocol.js';
import { settle } from '../helpers/fake-time.js';

const TOKEN = 'tok-3f9a1c77e2';
const CLIENT_KEY = 'ck-81b2d4aa90';
const LONG_WORD = 'x'.repeat(400);
const CONVERSATION: ChatEvent = { type: 'conversation.created', conversation: { id: 'c1' } };

/** A server answering 422 with an error body that echoes every credential it was given. */
function echoingServer(reason: string): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    return new Response(JSON.stringify({
      message: reason,
      token: TOKEN,
      request: { url, authorization: headers.Authorization, note: `called with ${TOKEN} and ${CLIENT_KEY}` },
      errors: [{ detail: `token ${encodeURIComponent(TOKEN)} seen` }],
    }), { status: 422, headers: { 'Content-Type': 'application/json' } });
  };
}

/** A send that goes to the echoing server, its failure wrapped once more (a cause of a cause). */
function failSendsAt(backend: FakeBackend, reason: string): void {
  backend.onExecute = async (command) => {
    if (command.type !== 'send') return [];
    try {
      await requestJson(echoingServer(reason), `https://chat.example/api/v1/messages?token=${TOKEN}`, {
        method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: { text: 'hello' },
      });
    } catch (err) {
      throw new Error(`adapter: sending with ${CLIENT_KEY} failed`, { cause: err });
    }
    return [];
  };
}

/** Every string reachable from a value: own properties (enumerable or not), stacks, causes, bodies. */
function surfaces(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const keys = new Set([...Object.getOwnPropertyNames(value), ...(value instanceof Error ? ['message', 'stack', 'cause'] : [])]);
  return [...keys].flatMap((k) => surfaces((value as Record<string, unknown>)[k], seen));
}

/** The surfaces that still hold one of `secrets` (plain or URL-encoded). */
function leaks(value: unknown, secrets = [TOKEN, CLIENT_KEY]): string[] {
  return surfaces(value).filter((s) => secrets.some((secret) => s.includes(secret) || s.includes(encodeURIComponent(secret))));
}

describe('redaction of every error surface', () => {
  it('a token echoed in an error body, text and URL reaches no error listener, at any depth', async () => {
    const f = await connected({ token: TOKEN, options: { clientKey: CLIENT_KEY } }, [CONVERSATION]);
    failSendsAt(f.backend, 'Content is too long');
    f.client.send('hello');
    await settle();
    expect(f.errors).to.have.length(1);
    const error = f.errors[0]!;
    expect(leaks(error), leaks(error).join('\n')).to.deep.equal([]);
    // Still useful: the same classes, the server's reason kept, credentials masked in place.
    expect(error).to.be.instanceOf(ParleyError);
    expect(error.code).to.equal('command');
    const wrapper = error.cause as Error;
    expect(wrapper.message).to.equal('adapter: sending with [redacted] failed');
    const http = wrapper.cause as HttpError;
    expect(http).to.be.instanceOf(HttpError);
    expect(http.status).to.equal(422);
    const body = http.body as Record<string, unknown>;
    expect([body.message, body.token]).to.deep.equal(['Content is too long', '[redacted]']);
    expect((body.request as Record<string, unknown>).authorization).to.equal('[redacted]');
  });

  it('a frame reported with a credential in it is previewed without it', async () => {
    const f = await connected({ token: TOKEN }, [CONVERSATION]);
    f.backend.host!.report(new ParleyError('decode', `frame for ${TOKEN} dropped`, { frame: { type: 'x', pubsub_token: 'pst-unknown-to-core', text: TOKEN } }));
    expect(f.errors).to.have.length(1);
    expect(leaks(f.errors[0])).to.deep.equal([]);
    expect(f.errors[0]!.frame).to.equal('{"type":"x","pubsub_token":"[redacted]","text":"[redacted]"}');
    expect(f.errors[0]!.message).to.equal('frame for [redacted] dropped');
  });

  it('a host error as the cause (a DOMException) stays readable: its class, name and text, redacted', async () => {
    const f = await connected({ token: TOKEN }, [CONVERSATION]);
    f.backend.host!.report(new ParleyError('transport', 'cut', { cause: new DOMException(`aborted at ?token=${TOKEN}`, 'AbortError') }));
    const cause = f.errors[0]!.cause as DOMException;
    expect(cause).to.be.instanceOf(DOMException);
    expect([cause.name, cause.message, String(cause)]).to.deep.equal(['AbortError', 'aborted at ?token=[redacted]', 'AbortError: aborted at ?token=[redacted]']);
    expect(leaks(f.errors[0])).to.deep.equal([]);
  });

  it('a refused send is explained in plain words with the server\'s reason, never a URL', async () => {
    const f = await connected({ token: TOKEN }, [CONVERSATION]);
    failSendsAt(f.backend, 'Content is too long');
    const m = f.client.send('hello')!;
    await settle();
    const failed = f.store.getState().messages.get('c1')!.find((x) => x.clientRef === m.clientRef)!;
    expect([failed.status, failed.error]).to.deep.equal(['failed', 'the server refused it (422): Content is too long']);
  });
});

describe('the "Not sent" notice', () => {
  it('shows the plain reason, no URL and no token, reaches parley-error redacted, and wraps a long word inside the panel', async () => {
    const { name, backend } = registerFake();
    backend.syncEvents = [CONVERSATION];
    const chat = await fixture<ParleyChat>(html`<div style="width: 320px"><parley-chat protocol=${name} url="http://127.0.0.1:1" .token=${TOKEN} no-persist></parley-chat></div>`)
      .then((wrapper) => wrapper.querySelector('parley-chat') as ParleyChat);
    const reported: ParleyError[] = [];
    chat.addEventListener('parley-error', (e) => reported.push(e.error));
    await until(() => chat.connectionStatus === 'open', 5000, 'open');
    failSendsAt(backend, `Content is too long: ${LONG_WORD} (your token ${TOKEN})`);
    chat.session.client!.send('hello', { conversationId: 'c1' });
    const thread = () => chat.shadowRoot!.querySelector('parley-thread')!.shadowRoot!;
    await until(() => !!thread().querySelector('[part="failed"]'), 5000, 'the failed notice');
    const notice = thread().querySelector('[part="failed"]') as HTMLElement;
    const text = notice.querySelector('span')!.textContent!;
    expect(text.startsWith('Not sent: the server refused it (422): Content is too long: xxx'), text).to.equal(true);
    expect(text).to.not.match(/https?:|chat\.example|\/api\//);
    expect(text).to.not.include(TOKEN);
    expect(reported.map((e) => e.message)).to.deep.equal([`send failed: adapter: sending with ${CLIENT_KEY} failed`]);
    expect(leaks(reported[0], [TOKEN])).to.deep.equal([]); // the element knows only the token
    // Fits the panel: the long word wraps instead of pushing the notice past the thread's edge.
    const panel = chat.shadowRoot!.querySelector('parley-thread')!.getBoundingClientRect();
    const box = notice.getBoundingClientRect();
    const where = `notice ${box.left}..${box.right}, thread ${panel.left}..${panel.right}`;
    expect(box.left, where).to.be.at.least(panel.left - 0.5);
    expect(box.right, where).to.be.at.most(panel.right + 0.5);
    expect(notice.scrollWidth).to.be.at.most(notice.clientWidth + 1);
  });
});
