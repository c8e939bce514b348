/**
 * Shared steps of the per-backend XSS files: wait for an injected vector to reach the screen,
 * then check that the widget's shadow trees hold nothing dangerous and the trap saw nothing.
 */
import { expect } from '@open-wc/testing';
import type { ParleyChat } from '../../src/elements/chat/chat.js';
import { until } from '../helpers/fake-protocol.js';
import { describeThread } from '../helpers/thread-probe.js';
import { dangers, deepText, settle, type Trap } from './trap.js';

/** The marker put in front of a vector so the test can tell when it is on screen. */
export const mark = (field: string, id: string): string => `XSS-${field}-${id}`;

/** Wait until `text` is visible anywhere in the widget (shadow roots included). */
export async function visible(chat: ParleyChat, text: string, what = text, ms = 8000): Promise<void> {
  try {
    await until(() => deepText(chat).includes(text), ms, what);
  } catch (e) {
    throw new Error(`${(e as Error).message}: ${describeThread(chat, text)}`);
  }
}

/** Nothing dangerous in the widget's trees (checked as strings, never as elements). */
export function expectClean(chat: ParleyChat, where: string): void {
  expect(dangers(chat).slice(0, 10), `dangerous markup after ${where}`).to.deep.equal([]);
}

/** Let images error and styles load, then: no execution, no attacker request, no window.open. */
export async function expectTrapEmpty(chat: ParleyChat, trap: Trap): Promise<void> {
  await settle(300);
  expectClean(chat, 'settling');
  expect(trap.report()).to.deep.equal([]);
}
