/**
 * The Virola Messenger protocol, declared: the Web API over REST (session cookie, or a Web API
 * token as `Authorization: Bearer`) plus the `/api/v1/events` WebSocket for live events. Options:
 * see `options.ts`; the session check and names: `identity.ts`.
 *
 * The core owns reconnects and the connect deadline. Virola has no typing, presence or edit
 * calls; those commands are not offered.
 */
import type { ProtocolDeclaration } from '../../runtime/declaration.js';
import { defineProtocol } from '../../runtime/define.js';
import { webSocketTransport } from '../../transport/websocket.js';
import { decodeLiveFrame } from './codec.js';
import { virolaCommands } from './commands.js';
import { identify, type VirolaState } from './identity.js';
import { OPTIONS } from './option-specs.js';
import { readConfig, type VirolaConfig } from './options.js';
import { virolaApi } from './rest.js';
import { contextOf, initialSync, reconnectSync } from './sync.js';
import type { AttachmentRules } from '../../uploads.js';

/**
 * What Virola takes onto a message: files of any type (`attachments.md` names no limit); 10 MB a
 * file is assumed, the less convenient reading.
 */
export const ATTACHMENTS: AttachmentRules = { maxBytes: 10 * 1024 * 1024, maxFiles: 10 };

/** What the core's connect deadline adds to its report. */
const TIMEOUT_HINT = 'the Virola events socket (/api/v1/events) did not open in time: check that /api/v1/events is '
  + 'reachable from this page (a proxy must pass WebSocket upgrades) and that the session cookie is sent to it (same site)';

/** Virola, declared (the registry's `virola`). */
export const declaration = {
  name: 'virola',
  options: OPTIONS,
  readConfig,
  state: (config, services): VirolaState => ({ api: virolaApi(services.fetch, config, services.upload), sent: new Set(), marked: new Set() }),
  secrets: (config) => [config.token],
  timeoutHint: TIMEOUT_HINT,
  transport: webSocketTransport,
  commands: () => virolaCommands,
  attachments: () => ATTACHMENTS,
  identify,
  connectRequest: (run) => ({ kind: 'websocket', url: run.config.eventsUrl, ...(run.config.WebSocket ? { WebSocket: run.config.WebSocket } : {}) }),
  decode: (frame, run) => decodeLiveFrame(frame.data, contextOf(run), run),
  initialSync,
  catchUp: reconnectSync,
} satisfies ProtocolDeclaration<VirolaConfig, VirolaState>;

export const { createAdapter } = defineProtocol(declaration);
