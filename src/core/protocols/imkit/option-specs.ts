import type { OptionSpec } from '../../options-schema.js';

/** IMKIT's protocol options as data: `<parley-chat>` attributes and manifest entries without loading the protocol (`options.ts` checks them). */
export const OPTIONS: readonly OptionSpec[] = [
  { name: 'clientKey', type: 'string', description: "The app's client key (`IM-CLIENT-KEY`); required.", secret: true },
  { name: 'clientId', type: 'string', description: "The signed-in client's id (same as `userId`)." },
  { name: 'base64', type: 'boolean', description: 'Ask the server for base64 payloads (`conf {encoding:"base64"}`).', default: 'false' },
  { name: 'deviceId', type: 'string', description: "Sent with `auth2`; default a random id kept in the widget's storage." },
  { name: 'socketUrl', type: 'url', description: 'The Socket.IO server, when it is not `url`.' },
  { name: 'socketPath', type: 'string', description: 'The Socket.IO path.', default: '/socket.io' },
  { name: 'pageSize', type: 'number', description: 'Messages per history page and per catch-up page (1 to 500).', default: '30' },
  { name: 'typingTtlMs', type: 'number', description: 'How long a `typing` event shows, ms (IMKIT sends no "stopped").', default: '6000' },
  { name: 'ackTimeoutMs', type: 'number', description: 'How long to wait for the `conf` and `auth2` acknowledgements, ms.', default: '10000' },
  { name: 'autoAcceptInvitations', type: 'boolean', description: 'Join a room as soon as an invitation to it arrives.', default: 'false' },
];
