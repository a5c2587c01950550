import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * Server-sent events as both providers stream them, plus the scripted stream faults. Frames are
 * serialized up front by the protocol modules, so pacing a stream costs one timer per chunk.
 */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
} as const;

export function sseFrame(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

export type StreamFault = { kind: 'cut-mid-stream'; afterChunks: number } | { kind: 'malformed-chunk'; afterChunks: number };

export interface SseDelivery {
  frames: readonly string[];
  chunkDelayMs: number;
  fault?: StreamFault;
  /** Written in place of the remaining frames by a `malformed-chunk` fault. */
  malformedFrame: string;
  /** Aborted when the client disconnects or the server closes: the stream stops writing at once. */
  signal: AbortSignal;
  /** Told how many frames were just handed to the socket (benchmarks count streamed chunks). */
  onFramesWritten?(count: number): void;
}

export async function writeSseStream(response: ServerResponse, delivery: SseDelivery): Promise<void> {
  const { frames, fault, signal } = delivery;
  const count = fault ? Math.max(0, Math.min(fault.afterChunks, frames.length)) : frames.length;
  response.writeHead(200, SSE_HEADERS);
  response.flushHeaders();
  if (delivery.chunkDelayMs <= 0) {
    if (count > 0) {
      response.write(frames.slice(0, count).join(''));
      delivery.onFramesWritten?.(count);
    }
  } else {
    const completed = await writePaced(response, frames, count, delivery.chunkDelayMs, signal, delivery.onFramesWritten);
    if (!completed) return;
  }
  if (signal.aborted) return;
  if (fault?.kind === 'cut-mid-stream') cutConnection(response);
  else if (fault?.kind === 'malformed-chunk') response.end(delivery.malformedFrame);
  else response.end();
}

/**
 * One frame per timer tick, with plain callbacks: a benchmark runs dozens of these streams at
 * 50 frames/s next to the app under test, so no promise or listener is created per frame.
 * Resolves false when the client went away first. A full socket buffer pauses until `drain`.
 */
function writePaced(
  response: ServerResponse,
  frames: readonly string[],
  count: number,
  delayMs: number,
  signal: AbortSignal,
  onFramesWritten?: (count: number) => void,
): Promise<boolean> {
  return new Promise((resolve) => {
    let index = 0;
    let timer: NodeJS.Timeout | undefined;
    const stop = (completed: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      response.off('drain', scheduleNext);
      resolve(completed);
    };
    const onAbort = () => stop(false);
    function scheduleNext(): void {
      timer = setTimeout(writeNext, delayMs);
    }
    function writeNext(): void {
      if (index >= count) return stop(true);
      const flushed = response.write(frames[index++]);
      onFramesWritten?.(1);
      if (index >= count) stop(true);
      else if (flushed) scheduleNext();
      else response.once('drain', scheduleNext);
    }
    if (signal.aborted) return resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    writeNext();
  });
}

/** Sends what was written so far, then drops the connection without finishing the body. */
export function cutConnection(response: ServerResponse): void {
  const socket = response.socket;
  if (!socket) return;
  // The empty write's callback runs once every earlier write has reached the kernel.
  socket.write('', () => socket.destroy());
}

/** Headers, then silence until the client (or the server's close) ends the connection. */
export async function hang(response: ServerResponse, contentType: string, signal: AbortSignal): Promise<void> {
  response.writeHead(200, { 'content-type': contentType });
  response.flushHeaders();
  if (signal.aborted) return;
  await once(signal, 'abort');
}
