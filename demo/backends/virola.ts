import type { DemoBackendPage } from './types.js';

/** virola on the demo page (placeholder until the protocol lands). */
export const page: DemoBackendPage | undefined = undefined;
