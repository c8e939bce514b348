import { expect } from '@open-wc/testing';
import '../helpers/benign-errors.js';
import '../../src/index.js';
import { msg, until } from '../helpers/fake-protocol.js';
import { threadWith } from '../helpers/thread-fixture.js';

describe('<parley-thread> edited marks', () => {
  it('shows "edited" on every edited message, not only on the last of a sender\'s run', async () => {
    const at = Date.UTC(2026, 2, 3, 10);
    const { thread, session } = await threadWith([
      { type: 'conversation.created', conversation: { id: 'c1' } },
      ...['1', '2', '3'].map((id, i) => ({ type: 'message.created' as const, message: msg({ id, conversationId: 'c1', text: `run ${id}`, at: at + i * 1000 }) })),
    ]);
    session.store.apply([{ type: 'message.updated', message: { id: '1', conversationId: 'c1', text: 'run 1, corrected', version: 2 } }]);
    session.store.flush();
    const mark = (id: string) => thread.shadowRoot!.querySelector<HTMLElement>(`[data-message-id="${id}"] .edited`);
    await until(() => !!mark('1'), 5000, 'the edited mark of the first message');
    const shown = (el: HTMLElement | null) => !!el && el.getClientRects().length > 0;
    expect(shown(mark('1')), 'the first of the run, edited').to.equal(true);
    expect(mark('2'), 'an unedited one has no mark').to.equal(null);
    // The run's time still shows once, at its end.
    const time = (id: string) => thread.shadowRoot!.querySelector<HTMLElement>(`[data-message-id="${id}"] time`);
    expect(shown(time('3'))).to.equal(true);
    expect(shown(time('2'))).to.equal(false);
  });
});
