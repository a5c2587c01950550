import type { Readable, Writable } from 'node:stream';
import type { AnyMessage, Stream } from '@agentclientprotocol/sdk';

/** A single message (one line) an agent may send; larger is a broken or hostile agent. */
export const maxLineBytes = 32 * 1024 * 1024;
/** Lines that are not JSON-RPC an agent may print before Braid gives up on it (a stray banner is forgiven). */
export const maxStrayLines = 20;

export interface ChannelTrouble {
  /** What went wrong, in words for the task's error card. */
  message: string;
}

/**
 * ACP's newline-delimited JSON over an agent's stdio, as the SDK's `Stream`. Unlike the SDK's
 * `ndJsonStream`, which answers a line it cannot parse with a JSON-RPC error and reads on, this
 * keeps what is not a JSON object (the first lines, for the error message) and gives up
 * (`onTrouble`, the stream errors) after `maxStrayLines` of them or on a line over `maxLineBytes`:
 * an agent that writes logs or garbage to stdout cannot speak ACP, and waiting on it forever
 * would leave the task hanging.
 */
export function ndjsonChannel(input: Readable, output: Writable, onTrouble: (trouble: ChannelTrouble) => void): Stream & { strayLines(): string[] } {
  const stray: string[] = [];
  let strayCount = 0;
  let failed = false;
  /** The reader went away (the connection closed): nothing is delivered any more. */
  let cancelled = false;
  const readable = new ReadableStream<AnyMessage>({
    cancel() {
      cancelled = true;
    },
    start(controller) {
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const fail = (message: string) => {
        if (failed) return;
        failed = true;
        input.removeAllListeners('data');
        input.destroy();
        onTrouble({ message });
        if (!cancelled) controller.error(new Error(message));
      };
      const line = (bytes: Buffer) => {
        const text = bytes.toString('utf8').trim();
        if (text === '') return;
        let message: unknown;
        try {
          message = JSON.parse(text);
        } catch {
          message = undefined;
        }
        if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
          if (!cancelled) controller.enqueue(message as AnyMessage);
          return;
        }
        strayCount++;
        if (stray.length < 3) stray.push(text.length > 200 ? `${text.slice(0, 200)}…` : text);
        if (strayCount > maxStrayLines) fail(`it wrote ${strayCount} lines that are not ACP messages to its standard output, e.g. ${stray.map((s) => JSON.stringify(s)).join(', ')}`);
      };
      input.on('data', (chunk: Buffer) => {
        if (failed) return;
        let start = 0;
        for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, start)) {
          const piece = chunk.subarray(start, index);
          line(pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece);
          pending = [];
          pendingBytes = 0;
          start = index + 1;
          if (failed) return;
        }
        if (start < chunk.length) {
          pending.push(chunk.subarray(start));
          pendingBytes += chunk.length - start;
          if (pendingBytes > maxLineBytes) fail(`it sent a message over ${maxLineBytes / 1024 / 1024} MB`);
        }
      });
      input.on('end', () => {
        if (failed) return;
        if (pendingBytes > 0) line(Buffer.concat(pending));
        if (!failed && !cancelled) controller.close();
      });
      input.on('error', (error) => fail(`its output broke: ${error.message}`));
    },
  });
  const writable = new WritableStream<AnyMessage>({
    write(message) {
      return new Promise<void>((resolve, reject) => {
        if (output.destroyed || output.writableEnded) {
          reject(new Error('the agent’s input is closed'));
          return;
        }
        output.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve()));
      });
    },
  });
  return { readable, writable, strayLines: () => [...stray] };
}
