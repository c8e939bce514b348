import type { DemoBackendPage } from './types.js';

/** spaces on the demo page (placeholder until the protocol lands). */
export const page: DemoBackendPage | undefined = undefined;
