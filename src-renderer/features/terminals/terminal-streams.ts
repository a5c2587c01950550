import type { TerminalStream } from './terminal-stream';

/**
 * The terminals shown right now, by id: `terminals.data` for them goes to their stream, the
 * rest is dropped (the host keeps every terminal's screen; a view opened later replays it).
 */
const streams = new Map<string, TerminalStream>();

export const terminalStreams = {
  add(stream: TerminalStream): () => void {
    streams.set(stream.terminalId, stream);
    return () => {
      if (streams.get(stream.terminalId) === stream) streams.delete(stream.terminalId);
    };
  },
  get: (terminalId: string): TerminalStream | undefined => streams.get(terminalId),
  all: (): TerminalStream[] => [...streams.values()],
};
