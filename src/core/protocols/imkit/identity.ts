/**
 * Who am I on IMKIT: the given `userId`, else `GET /me` (its `_id` and `nickname`); later REST
 * calls carry it as `IM-CLIENT-ID`. And this device's id for `auth2`: the given `deviceId`, else
 * a random one kept in the widget's storage per server, so a reload is the same device.
 */
import { ConnectError } from '../../connection-terms.js';
import type { ProtocolRun } from '../../runtime/declaration.js';
import { keptDeviceId, randomId } from '../../runtime/device-id.js';
import { isRecord } from '../../wire.js';
import type { ImkitConfig } from './options.js';
import type { ImkitApi } from './rest.js';

/** What the adapter keeps across reconnects. */
export interface ImkitState {
  readonly api: ImkitApi;
  /** The signed-in client's id, once known. */
  selfId: string | undefined;
  /** Sent with `auth2`. */
  deviceId: string | undefined;
}

/** What IMKIT's steps are given. */
export type ImkitRun = ProtocolRun<ImkitConfig, ImkitState>;

/** The client `GET /me` names; emits `identity.changed`. */
async function askWhoIAm(run: ImkitRun, signal: AbortSignal): Promise<string> {
  const me = await run.state.api.me(signal);
  const id = isRecord(me) ? (typeof me._id === 'string' ? me._id : typeof me.id === 'string' ? me.id : undefined) : undefined;
  if (!id) throw new ConnectError('auth-failed', 'imkit: GET /me named no client; pass "userId"');
  const name = isRecord(me) && typeof me.nickname === 'string' && me.nickname ? me.nickname : undefined;
  run.emit([name ? { type: 'identity.changed', selfId: id, name } : { type: 'identity.changed', selfId: id }]);
  return id;
}

/** Before the socket: who I am (a refused `GET /me` is `auth-failed`), and this device's id. */
export async function identify(run: ImkitRun, signal: AbortSignal): Promise<void> {
  const { state } = run;
  if (state.selfId === undefined) state.selfId = await askWhoIAm(run, signal);
  else run.emit([{ type: 'identity.changed', selfId: state.selfId }]);
  state.api.setClientId(state.selfId);
  state.deviceId ??= run.config.deviceId ?? await keptDeviceId(run.storage, `imkit:device:${run.config.url}`, () => `parley-${randomId()}`);
}
