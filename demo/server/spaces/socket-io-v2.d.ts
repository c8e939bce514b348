/**
 * The part of the socket.io 2 server (npm `socket.io@2`, installed as the alias `socket.io-v2`,
 * which ships no types) that the Spaces emulation uses.
 */
declare module 'socket.io-v2' {
  import type { IncomingMessage, Server as HttpServer } from 'node:http';

  namespace SocketIoV2 {
    /** One client's connection to a namespace. */
    interface Socket {
      readonly id: string;
      readonly connected: boolean;
      readonly handshake: { query: Record<string, string | undefined> };
      on(event: string, listener: (...args: unknown[]) => void): Socket;
      emit(event: string, ...args: unknown[]): boolean;
      /** `true` also closes the underlying Engine.IO connection. */
      disconnect(close?: boolean): Socket;
    }
    /** A refusal from a namespace middleware: its `data` (or `message`) goes to the client as an `error` packet. */
    type Next = (err?: Error & { data?: unknown }) => void;
    interface Namespace {
      use(fn: (socket: Socket, next: Next) => void): Namespace;
      on(event: 'connection', listener: (socket: Socket) => void): Namespace;
      /** Connected sockets by id. */
      readonly connected: Record<string, Socket>;
    }
    interface Options {
      path?: string;
      serveClient?: boolean;
      transports?: string[];
      pingInterval?: number;
      pingTimeout?: number;
      /** Engine.IO 3: keep upgrades for other paths (another socket.io on the same http server). */
      destroyUpgrade?: boolean;
      allowRequest?: (req: IncomingMessage, fn: (err: string | null | number, ok: boolean) => void) => void;
    }
    interface Server {
      of(name: string): Namespace;
      /** Closes every connection and the http server. */
      close(fn?: () => void): void;
    }
  }
  function SocketIoV2(http: HttpServer, opts?: SocketIoV2.Options): SocketIoV2.Server;
  export = SocketIoV2;
}
