/**
 * Which socket.io client talks to the Spaces socket server, and what a refusal between mismatched
 * versions says (how each mismatch is told apart: `runtime/socket-io-version.ts`).
 *
 * Spaces documents its socket server as socket.io 2.0.4 (Engine.IO protocol 3), so socket.io-client
 * 2 is the default; `socketIoVersion` 3 or 4 loads socket.io-client 4. Each client is loaded
 * lazily, in its own chunk, so a page downloads only the one it uses (and a page on another
 * backend neither).
 */
import { ConnectError } from '../../connection-terms.js';
import { versionAwareSocketIo } from '../../runtime/socket-io-version.js';

/** The core socket.io transport, with Spaces' words for a socket.io version mismatch (which no retry can mend). */
export const spacesSocketIo = versionAwareSocketIo({
  v2Server(request) {
    const pageIo = request.io !== undefined;
    const client = pageIo ? 'the `io` handed in through the options is a socket.io-client 3 or 4' : `the option socketIoVersion is ${request.version}, so socket.io-client 4 was used`;
    return new ConnectError('config-error',
      `spaces: socket.io version mismatch: the socket server runs socket.io 2 (as Avaya documents), but ${client}, which cannot talk to it; `
      + `set the option socketIoVersion: 2 (the default)${pageIo ? ' and leave out `io`, or hand in a socket.io-client 2 `io`' : ''}`);
  },
  v4Server: () => new ConnectError('config-error',
    'spaces: socket.io version mismatch: the socket server runs socket.io 3 or 4 and refuses socket.io-client 2 '
    + '(the default, for the socket.io 2 server Avaya documents); set the option socketIoVersion: 4 (or 3)'),
});
