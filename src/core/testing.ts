/**
 * `parley-chat/testing`: what an integrator needs to test a page or a protocol without a backend.
 * Hand `fakeTransport().factory` to the client's (or `<parley-chat>`'s `options`) `transport`
 * and drive every connection by hand; declare a protocol with `defineProtocol` and register it.
 */
export { fakeTransport, type FakeConnection, type FakeTransport, type SentFrame } from './transport/fake.js';
export type { Frame, Transport, TransportEvents, TransportFactory, TransportRequest } from './transport/transport.js';
export { defineProtocol, runProtocol } from './runtime/define.js';
export type { CommandMap, ProtocolDeclaration, ProtocolRun, ProtocolServices } from './runtime/declaration.js';
export type { OptionSpec } from './options-schema.js';
