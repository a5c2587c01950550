import headless from '@xterm/headless';
import type { Terminal } from '@xterm/headless';
import type { Result, Task } from '../../src-shared/contract';
import { drawNow, holdDrawing, TerminalStream } from '../../src-renderer/features/terminals/terminal-stream';
import { createRepo } from './git-fixtures';

/** The part of a host a view talks to: `Host.dispatch` and `Host.subscribe`. */
export interface TerminalHostLink {
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * What the renderer does with a terminal, without a browser: the renderer's own
 * `TerminalStream` (snapshot replay, stream order, acknowledgements from write callbacks)
 * writing into an `@xterm/headless` terminal the size of the host's, over a host's dispatch
 * and events. Tests read its screen and see every piece it received.
 */
export class HeadlessTerminalView {
  readonly terminal: Terminal;
  readonly stream: TerminalStream;
  /** Every piece written to the screen after the snapshot, in order (for checks on the raw stream). */
  private pieceListeners: ((data: string) => void)[] = [];
  private readonly unsubscribe: () => void;

  constructor(link: TerminalHostLink, taskId: string, terminalId: string, size: { cols: number; rows: number; scrollback?: number }) {
    this.terminal = new headless.Terminal({ cols: size.cols, rows: size.rows, scrollback: size.scrollback ?? 10_000, allowProposedApi: true });
    const terminal = this.terminal;
    const surface = {
      write: (data: string, callback?: () => void) => {
        this.terminal.write(data, callback);
        // The program's output: not the view's own writes around a batch (synchronized output).
        if (data === holdDrawing || data === drawNow) return;
        for (const listener of this.pieceListeners) listener(data);
      },
      get modes() {
        return terminal.modes;
      },
    };
    const api = { invoke: (method: string, input: unknown) => link.dispatch(method, input) } as ConstructorParameters<typeof TerminalStream>[0];
    this.stream = new TerminalStream(api, taskId, terminalId, surface, (message) => {
      if (message) throw new Error(`the view's snapshot failed: ${message}`);
    });
    this.unsubscribe = link.subscribe((event, payload) => {
      if (event !== 'terminals.data') return;
      const { terminalId: id, from, data } = payload as { terminalId: string; from: number; data: string };
      if (id === terminalId) this.stream.receive(from, data);
    });
  }

  /** Output written to the screen from now on, piece by piece. */
  onPiece(listener: (data: string) => void): void {
    this.pieceListeners.push(listener);
  }

  attach(): Promise<void> {
    return this.stream.attach();
  }

  /** Resolves once xterm has parsed everything written so far. */
  settled(): Promise<void> {
    return new Promise((resolve) => this.terminal.write('', resolve));
  }

  /** Every line of the buffer (scrollback and screen), trailing spaces trimmed. */
  lines(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return lines;
  }

  /** The buffer as text: a line the terminal wrapped is one line here. */
  text(): string {
    const buffer = this.terminal.buffer.active;
    let text = '';
    for (let y = 0; y < buffer.length; y++) {
      const line = buffer.getLine(y);
      if (!line) continue;
      const continues = buffer.getLine(y + 1)?.isWrapped ?? false;
      text += (y > 0 && !line.isWrapped ? '\n' : '') + line.translateToString(!continues);
    }
    return text;
  }

  /** The screen's rows only. */
  screen(): string[] {
    return this.lines().slice(-this.terminal.rows);
  }

  dispose(): void {
    this.unsubscribe();
    this.stream.detach();
    this.terminal.dispose();
  }
}

/** A fresh repository added to `link`'s host with one task whose worktree is ready (no prompt: no agent runs). */
export async function readyTask(link: TerminalHostLink, title = 'Terminal work'): Promise<{ taskId: string; worktree: string }> {
  const unwrap = <T>(result: Result<unknown>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data as T;
  };
  const project = unwrap<{ id: string }>(await link.dispatch('projects.add', { path: createRepo().path }));
  const task = unwrap<Task>(await link.dispatch('tasks.create', { projectId: project.id, title, prompt: '' }));
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const tasks = unwrap<Task[]>(await link.dispatch('tasks.list', { projectId: project.id }));
    const current = tasks.find((candidate) => candidate.id === task.id);
    if (current?.workspace.state === 'ready') return { taskId: task.id, worktree: current.workspace.path };
    if (current?.workspace.state === 'failed') throw new Error(`worktree failed: ${current.workspace.stateReason}`);
  }
  throw new Error('the worktree was not ready in time');
}
