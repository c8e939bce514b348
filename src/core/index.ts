/**
 * Parley's headless core: no Lit, no DOM.
 */
export * from './model.js';
export * from './events.js';
export * from './commands.js';
export * from './errors.js';
export * from './protocol.js';
export * from './registry.js';
export * from './store.js';
export * from './kv.js';
export * from './client.js';
export * from './network.js';
export * from './http.js';
export * from './wire.js';
export { backoffDelay, type BackoffOptions } from './backoff.js';
export { OwnedScheduler, globalTimers, type TimerFunctions } from './timers.js';
export { compareMessages, maxStatus } from './order.js';
