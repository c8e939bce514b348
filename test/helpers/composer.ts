/**
 * Driving a widget's composer as a person would: type into the text area, press Enter.
 */
import type { ParleyChat } from '../../src/elements/chat/chat.js';

/** Type `text` into the widget's composer and press Enter. */
export async function type(chat: ParleyChat, text: string): Promise<void> {
  const composer = chat.shadowRoot!.querySelector('parley-composer')!;
  await composer.updateComplete;
  const area = composer.shadowRoot!.querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new Event('input'));
  area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
}
