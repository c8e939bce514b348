import type { OptionSpec } from '../../options-schema.js';

/** Spaces's protocol options as data: `<parley-chat>` attributes and manifest entries without loading the protocol (`options.ts` checks them). */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'spaces', type: 'string', description: 'The spaces to subscribe to (an array, or ids separated by commas).', default: '[conversation]' },
  { name: 'displayName', type: 'string', description: 'A guest\'s display name.', default: 'Guest' },
  { name: 'username', type: 'string', description: 'A guest\'s username for the anonymous sign-in.', default: 'Anonymous' },
  { name: 'tokenType', type: 'enum', values: ['jwt', 'oauth'], description: 'What `token` is.', default: 'jwt' },
  { name: 'socketUrl', type: 'url', description: 'The origin of the socket server.', default: '`url`' },
  { name: 'socketPath', type: 'string', description: 'The socket.io path.', default: '/socket.io' },
  { name: 'socketIoVersion', type: 'enum', values: ['2', '3', '4'], description: 'The socket server\'s socket.io major version: 2 loads socket.io-client 2, 3 or 4 loads socket.io-client 4.', default: '2' },
  { name: 'io', type: 'function', propertyOnly: true, description: 'A socket.io client\'s `io(url, options)` the page brings; Parley then loads no client of its own.' },
  { name: 'join', type: 'boolean', description: 'Call `GET /api/spaces/{id}/join` before subscribing.', default: 'true for a guest' },
  { name: 'spacePassword', type: 'string', secret: true, description: 'The password of a protected space (header `spaces-x-space-password`).' },
  { name: 'sendTimeoutMs', type: 'number', description: 'How long a send waits for its echo before it fails, ms.', default: '15000' },
  { name: 'subscribeTimeoutMs', type: 'number', description: 'How long connecting waits for `CHANNEL_SUBSCRIBED`, ms.', default: '10000' },
  { name: 'markReadIntervalMs', type: 'number', description: 'At most one markread call per space this often, ms.', default: '5000' },
  { name: 'pageSize', type: 'number', description: 'Messages per REST page, 1 to 50.', default: '30' },
];
