import type { WebSocket, WebSocketServer } from 'ws';
import { fail, wireCloseCodes, wireRequestSchema, type WireMessage } from '../../src-shared/contract';
import type { Host } from './create-host';

/** Frames larger than this are refused by `ws` itself (the contract's inputs are small). */
export const maxFrameBytes = 4 * 1024 * 1024;
/** A client that stops reading gets disconnected instead of growing the host's memory. */
const maxBufferedBytes = 64 * 1024 * 1024;

/**
 * Serves the contract over already-authenticated WebSocket connections: requests go through
 * the same dispatch as Electron IPC, and every host event is pushed to every client.
 */
export function serveContractOverWebSocket(wss: WebSocketServer, host: Host): () => void {
  const clients = new Set<WebSocket>();
  const send = (socket: WebSocket, message: WireMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(message));
  };

  const unsubscribe = host.subscribe((event, payload) => {
    for (const socket of clients) send(socket, { kind: 'event', event, payload });
  });

  wss.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => clients.delete(socket));
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
      host
        .dispatch(method, input)
        .catch((error: unknown) => fail('INTERNAL', error instanceof Error ? error.message : String(error)))
        .then((result) => send(socket, { kind: 'result', id, result }));
    });
  });

  return () => {
    unsubscribe();
    for (const socket of clients) socket.close(1001, 'host shutting down');
  };
}
