/**
 * What the user side of a fault storm does, and when, from the run's seed (so a printed seed
 * replays it): messages typed through the composer spread over the storm, one page reload and
 * one token change, each at a point given as the number of storm events done. The two come in
 * either order, the first in the first third of the storm and the second in its middle third,
 * so each still has storm events, cuts and the last cut after it.
 */
import { seededRandom } from '../../demo/server/shared/random.js';

/** The user's side of one storm. */
export interface UserPlan {
  /** Storm events done before each typed message is sent, ascending. */
  sendAt: number[];
  /** Storm events done before the page reloads. */
  reloadAt: number;
  /** Storm events done before the widget gets a new token. */
  tokenAt: number;
}

/** The plan for a storm of `events` events and `sends` typed messages. */
export function userPlan(seed: number, events: number, sends: number): UserPlan {
  // Its own source, apart from the server's: the storm's choices replay whatever the user does.
  const random = seededRandom(seed ^ 0x51ed2701);
  const sendAt = Array.from({ length: sends }, () => Math.floor(random() * events * 0.9)).sort((a, b) => a - b);
  const first = Math.floor(events * (0.08 + random() * 0.25));
  const second = Math.floor(events * (0.45 + random() * 0.25));
  const reloadFirst = random() < 0.5;
  return { sendAt, reloadAt: reloadFirst ? first : second, tokenAt: reloadFirst ? second : first };
}
