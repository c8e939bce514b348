/**
 * `parley-chat/runtime`: what a sixth protocol is written with. A declaration (options schema, secrets,
 * transport, identify / handshake / sync / catch-up steps, codec, command map) handed to
 * `defineProtocol`, the core transports, and the failure readings every protocol shares. Kept out
 * of `parley-chat` and `parley-chat/core` so a page that only uses the built-in protocols does not load it
 * up front (each built-in protocol's lazy chunk brings what it uses).
 */
export { defineProtocol, runProtocol } from './define.js';
export type { CommandHandler, CommandMap, ProtocolDeclaration, ProtocolRun, ProtocolServices } from './declaration.js';
export { connectErrorOf, decodeReport, framePreview, invalidValueReport, type StatusReading } from './failures.js';
export type { ActionCableRequest, Frame, SocketIoRequest, Transport, TransportEvents, TransportFactory, TransportRequest, WebSocketRequest } from '../transport/transport.js';
export { webSocketTransport } from '../transport/websocket.js';
export { socketIoTransport } from '../transport/socket-io.js';
export { actionCableTransport } from '../transport/action-cable.js';
export { attributeOf, optionAttributes, optionFromAttribute, type OptionAttribute, type OptionSpec, type OptionType } from '../options-schema.js';
export { protocolOptions } from '../builtin-options.js';
