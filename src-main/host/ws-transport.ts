import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import { fail, wireCloseCodes, wireRequestSchema, type WireMessage } from '../../src-shared/contract';
import type { Host } from './create-host';
import { TerminalAudience } from './terminal-audience';

/** Frames larger than this are refused by `ws` itself (the contract's inputs are small). */
export const maxFrameBytes = 4 * 1024 * 1024;
/** A client that stops reading gets disconnected instead of growing the host's memory. */
const maxBufferedBytes = 64 * 1024 * 1024;

/**
 * Serves the contract over already-authenticated WebSocket connections: requests go through
 * the same dispatch as Electron IPC, and every host event is pushed to every client (a
 * terminal's output only to clients that show it: `TerminalAudience`).
 *
 * Frames sent in one turn of the event loop leave in one write: while agents stream, each
 * timeline flush pushes an event per task, and a system call per frame cost the host more
 * than building them.
 */
export function serveContractOverWebSocket(wss: WebSocketServer, host: Host): () => void {
  const clients = new Map<WebSocket, TerminalAudience>();
  /** The TCP socket under each client, held (corked) until the loop turn's frames are all in. */
  const connections = new WeakMap<WebSocket, Socket>();
  const corked = new Set<Socket>();
  const uncorkAll = () => {
    for (const connection of corked) connection.uncork();
    corked.clear();
  };
  const send = (socket: WebSocket, message: WireMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      socket.terminate();
      return;
    }
    const connection = connections.get(socket);
    if (connection && !corked.has(connection)) {
      if (corked.size === 0) setImmediate(uncorkAll);
      connection.cork();
      corked.add(connection);
    }
    socket.send(JSON.stringify(message));
  };

  const unsubscribe = host.subscribe(
    (event, payload) => {
      for (const [socket, audience] of clients) {
        if (audience.wants(event, payload)) send(socket, { kind: 'event', event, payload });
      }
    },
    { terminalOutput: 'shown' },
  );

  wss.on('connection', (socket, request?: IncomingMessage) => {
    const audience = new TerminalAudience((terminalId) => host.watchTerminalOutput(terminalId));
    clients.set(socket, audience);
    if (request?.socket) connections.set(socket, request.socket);
    const gone = () => {
      audience.close();
      clients.delete(socket);
    };
    socket.on('close', gone);
    socket.on('error', gone);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(wireCloseCodes.badRequest, 'binary frames are not part of the protocol');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return socket.close(wireCloseCodes.badRequest, 'frame is not JSON');
      }
      const request = wireRequestSchema.safeParse(parsed);
      if (!request.success) return socket.close(wireCloseCodes.badRequest, 'frame is not a request');
      const { id, method, input } = request.data;
      audience.requested(method, input);
      host
        .dispatch(method, input)
        .catch((error: unknown) => fail('INTERNAL', error instanceof Error ? error.message : String(error)))
        .then((result) => {
          audience.answered(method, input, result);
          send(socket, { kind: 'result', id, result });
        });
    });
  });

  return () => {
    unsubscribe();
    for (const [socket, audience] of clients) {
      audience.close();
      socket.close(1001, 'host shutting down');
    }
  };
}
