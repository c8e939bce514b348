/**
 * The small part of socket.io-client 2 (installed as the alias `socket.io-client-v2`, which ships
 * no types) that the socket.io transport uses: `io(url, options)` returns a socket with `on`, `emit`,
 * `off` and `disconnect`. Its module is CommonJS (`module.exports = lookup`, also `exports.connect`).
 */
declare module 'socket.io-client-v2' {
  /** A socket.io 2 client socket, as far as Parley uses it. */
  interface SocketIoV2Socket {
    on(event: string, listener: (...args: unknown[]) => void): SocketIoV2Socket;
    off(event?: string, listener?: (...args: unknown[]) => void): SocketIoV2Socket;
    emit(event: string, ...args: unknown[]): SocketIoV2Socket;
    disconnect(): SocketIoV2Socket;
  }
  /** socket.io-client 2's `io(url, options)` (its `lookup`). */
  type SocketIoV2Lookup = (url: string, options?: Record<string, unknown>) => SocketIoV2Socket;
  const lookup: SocketIoV2Lookup;
  export default lookup;
  export const connect: SocketIoV2Lookup;
}
