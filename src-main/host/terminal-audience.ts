import { terminalIdSchema, type EventName, type Result } from '../../src-shared/contract';

/**
 * Which terminals one connection (a WebSocket, a desktop window) shows, so that a terminal's
 * output (`terminals.data`, the one event as large as a flood) goes only to connections that
 * render it. A view starts showing a terminal with `terminals.snapshot` and stops with
 * `terminals.detach`; a connection that closes shows nothing any more. Otherwise a page with
 * one of 8 flooding terminals on screen is sent 160 MB to show 20 MB, parsing and dropping the
 * rest, and a slow page's socket buffer fills with output it drops (the host cuts a client off
 * at 64 MB).
 *
 * Transports call `requested` before the request is dispatched: output the pty host takes after
 * the snapshot's position then reaches the connection (a view drops what its snapshot covers).
 */
export class TerminalAudience {
  /** Terminals shown, each with the function that tells the host it no longer is. */
  private readonly shown = new Map<string, () => void>();

  /** `watch`: tells the host this connection shows a terminal (`Host.watchTerminalOutput`), so its output is sent at all. */
  constructor(private readonly watch: (terminalId: string) => () => void = () => () => undefined) {}

  /** A request from this connection, before it is dispatched. */
  requested(method: unknown, input: unknown): void {
    const terminalId = terminalIdOf(input);
    if (!terminalId) return;
    if (method === 'terminals.snapshot' && !this.shown.has(terminalId)) this.shown.set(terminalId, this.watch(terminalId));
    if (method === 'terminals.detach') this.forget(terminalId);
  }

  /** Its answer: a refused snapshot (another task's terminal, a closed one) shows nothing. */
  answered(method: unknown, input: unknown, result: Result<unknown>): void {
    const terminalId = terminalIdOf(input);
    if (method === 'terminals.snapshot' && terminalId && !result.ok) this.forget(terminalId);
  }

  /** The connection is gone: it shows nothing any more. */
  close(): void {
    for (const terminalId of [...this.shown.keys()]) this.forget(terminalId);
  }

  private forget(terminalId: string): void {
    this.shown.get(terminalId)?.();
    this.shown.delete(terminalId);
  }

  /** Whether this connection gets the event: every event but another terminal's output. */
  wants(event: EventName, payload: unknown): boolean {
    if (event !== 'terminals.data') return true;
    const terminalId = terminalIdOf(payload);
    return terminalId !== null && this.shown.has(terminalId);
  }
}

function terminalIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('terminalId' in value)) return null;
  const parsed = terminalIdSchema.safeParse(value.terminalId);
  return parsed.success ? parsed.data : null;
}
