/**
 * The size and seed of a fuzz run. Each backend draws a fresh 31-bit seed per run and prints it
 * (`fuzz <backend> seed <n>`) before the first frame, so a failing run can be replayed:
 * `PARLEY_SEED=<n>` (read by the test runner's servers plugin, as for the fault storm) makes every
 * backend of the run use that seed. `npm test` runs 2,000 frames per backend, `PARLEY_SOAK=1`
 * (`npm run test:soak`) 10,000.
 */
// @ts-expect-error a virtual module served by the test runner's servers plugin
import { faultRun } from 'parley:servers';

const run = faultRun as { soak: boolean; seed: number | null };

/** One backend's fuzz run. */
export interface FuzzRun {
  backend: string;
  seed: number;
  frames: number;
  soak: boolean;
}

/** A fresh seed: 31 random bits (the range the fault storm's seeds use too). */
function freshSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** This run's seed and size for `backend`; prints the seed. */
export function fuzzRun(backend: string, quickFrames = 2_000, soakFrames = 10_000): FuzzRun {
  const seed = run.seed ?? freshSeed();
  const frames = run.soak ? soakFrames : quickFrames;
  console.log(`fuzz ${backend} seed ${seed}`);
  return { backend, seed, frames, soak: run.soak };
}

/** How to replay a run, for failure messages. */
export function replayHint(r: FuzzRun): string {
  return `${r.backend} seed ${r.seed} (replay: PARLEY_SEED=${r.seed}${r.soak ? ' PARLEY_SOAK=1' : ''})`;
}
