/**
 * Driving a widget's composer as a person would: type into the text area, press Enter.
 */
import type { ParleyChat } from '../../src/elements/chat/chat.js';

/** Type `text` into the widget's composer (an input event), and send with Enter unless told not to. */
export async function type(chat: ParleyChat, text: string, send = true): Promise<void> {
  const composer = chat.shadowRoot!.querySelector('parley-composer')!;
  await composer.updateComplete;
  const area = composer.shadowRoot!.querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new Event('input'));
  if (send) area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
}
