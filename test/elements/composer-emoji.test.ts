/**
 * Issue #10 item 3: an emoji picker in the composer. Its module loads on first use; one Tab stop,
 * the arrow keys move in the grid, a pick goes in at the caret as typing would, Escape closes and
 * gives the focus back to its button. Real elements and store.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../helpers/benign-errors.js';
import '../../src/elements/composer/define.js';
import type { ParleyComposer } from '../../src/elements/composer/composer.js';
import { ChatSession } from '../../src/lit/session.js';
import { until } from '../helpers/fake-protocol.js';

async function composer(): Promise<ParleyComposer> {
  const session = new ChatSession();
  session.store.apply([{ type: 'conversation.created', conversation: { id: 'c1' } }]);
  session.store.setActive('c1');
  session.store.flush();
  return fixture<ParleyComposer>(html`<parley-composer .session=${session}></parley-composer>`);
}

describe('<parley-composer> emoji picker', () => {
  it('opens on its button, moves with the arrows, puts the pick at the caret, and closes', async () => {
    const el = await composer();
    const root = el.shadowRoot!;
    const button = root.querySelector<HTMLButtonElement>('[part="emoji-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Add an emoji');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(root.querySelector('[part="emoji-picker"]')).to.equal(null);

    const area = root.querySelector('textarea')!;
    area.value = 'Thanks !';
    area.dispatchEvent(new Event('input'));
    area.setSelectionRange(7, 7); // before the "!"
    button.click();
    await until(() => root.querySelector('[part="emoji-picker"]') !== null, 3000, 'the picker');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const emoji = () => [...root.querySelectorAll<HTMLButtonElement>('[part="emoji-picker"] button')];
    expect(emoji().filter((b) => b.tabIndex === 0), 'one Tab stop').to.have.length(1);
    await until(() => root.activeElement === emoji()[0], 2000, 'the focus on the first emoji');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    expect(root.activeElement).to.equal(emoji()[9]);
    await sendKeys({ press: 'End' });
    expect(root.activeElement).to.equal(emoji().at(-1));
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(area.value).to.equal('Thanks 😂!');
    expect(root.querySelector('[part="emoji-picker"]'), 'closed after a pick').to.equal(null);
    expect(root.activeElement).to.equal(area);
    expect(root.querySelector<HTMLButtonElement>('[part="send-button"]')!.disabled, 'the draft counts it').to.equal(false);

    button.click();
    await until(() => root.activeElement === emoji()[0], 2000, 'open again');
    await sendKeys({ press: 'Escape' });
    await until(() => root.querySelector('[part="emoji-picker"]') === null, 2000, 'closed by Escape');
    expect(root.activeElement).to.equal(button);
  });
});
