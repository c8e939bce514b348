import type { OptionSpec } from '../../options-schema.js';

/** Virola's protocol options as data: `<parley-chat>` attributes and manifest entries without loading the protocol (`options.ts` checks them). */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'eventsUrl', type: 'url', description: 'The events WebSocket URL.', default: '`url` with http→ws and path /api/v1/events' },
  { name: 'credentials', type: 'enum', values: ['include', 'same-origin', 'omit'], description: 'Cookies on REST calls (the session check always sends them unless set).', default: '`include` without a token, `omit` with one' },
  { name: 'pageSize', type: 'number', description: 'Messages per page (initial load, older pages, catch-up), 1 to 500.', default: '50' },
  { name: 'initialRooms', type: 'number', description: 'How many of the most recent rooms get their latest messages on start, 1 to 200.', default: '10' },
  { name: 'WebSocket', type: 'function', propertyOnly: true, description: 'A WebSocket class (Node: the `ws` class).', default: 'the global WebSocket' },
];
