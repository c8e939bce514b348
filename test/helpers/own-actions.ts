/**
 * Edit and delete a message of mine the way a person does: "More actions", then Edit (type, Enter)
 * or Delete (then confirm), in a `<parley-thread>`'s shadow root.
 */
import { sendKeys } from '@web/test-runner-commands';
import { until } from './fake-protocol.js';

const part = (root: ShadowRoot, id: string, name: string) =>
  root.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"] [part~="${name}"]`);

/** The actions the menu of message `id` offers, by part name (after opening it; closed again after). */
export async function offered(root: ShadowRoot, id: string): Promise<string[]> {
  await until(() => !!root.querySelector(`[data-message-id="${CSS.escape(id)}"]`), 10000, `message ${id} rendered`);
  const more = part(root, id, 'more-actions');
  if (!more) return [];
  more.click();
  await until(() => !!part(root, id, 'actions-menu'), 10000, 'the actions menu');
  const items = [...part(root, id, 'actions-menu')!.querySelectorAll('[role="menuitem"]')].map((b) => b.getAttribute('part') ?? '');
  part(root, id, 'more-actions')!.click();
  await until(() => !part(root, id, 'actions-menu'), 10000, 'the menu closed');
  return items;
}

async function choose(root: ShadowRoot, id: string, action: 'action-edit' | 'action-delete'): Promise<void> {
  await until(() => !!part(root, id, 'more-actions'), 10000, `the actions button of ${id}`);
  part(root, id, 'more-actions')!.click();
  await until(() => !!part(root, id, action), 10000, action);
  part(root, id, action)!.click();
}

/** Edit message `id` to `text`: the text box's content replaced, then Enter. */
export async function editMine(root: ShadowRoot, id: string, text: string): Promise<void> {
  await choose(root, id, 'action-edit');
  await until(() => root.activeElement === part(root, id, 'edit-input'), 10000, 'the text box, focused');
  const box = part(root, id, 'edit-input') as HTMLTextAreaElement;
  box.select();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** Delete message `id`, confirming. */
export async function deleteMine(root: ShadowRoot, id: string): Promise<void> {
  await choose(root, id, 'action-delete');
  await until(() => !!part(root, id, 'delete-ok'), 10000, 'the confirmation');
  part(root, id, 'delete-ok')!.click();
}
