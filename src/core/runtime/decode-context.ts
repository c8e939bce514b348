/**
 * What every protocol's decoders are told besides the frame, alike in each: who I am, what time
 * it is, and where wire values dropped as invalid are noted. A protocol's own DecodeContext
 * extends it with what only its decoders need.
 */
import { assignDefined, type InvalidValueSink } from '../wire.js';
import type { ProtocolRun } from './declaration.js';

/** The part of a decode context every protocol has. */
export interface BaseDecodeContext {
  /** My id on the backend, once known: a sender with it is `self` (my other devices too). */
  selfId?: string;
  /** Now, epoch ms: what decoders date by (typing expiries, a message that carries no time). */
  now: number;
  /** Told of each wire value dropped as invalid (a time no `Date` holds, a non-web URL); the frame still decodes. */
  invalid?: InvalidValueSink;
}

/** That part for a run now: its clock, its report of invalid values, and `selfId` when known. */
export function baseContext(run: Pick<ProtocolRun<unknown, unknown>, 'scheduler' | 'invalid'>, selfId: string | undefined): BaseDecodeContext {
  return assignDefined<BaseDecodeContext>({ now: run.scheduler.now(), invalid: run.invalid }, { selfId });
}
