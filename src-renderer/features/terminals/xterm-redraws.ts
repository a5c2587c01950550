import type { IDisposable, Terminal } from '@xterm/xterm';

interface XtermCore {
  _viewport?: { _sync?: (ydisp?: number) => void };
  _selectionService?: { refresh?: (isLinuxMouseSelection?: boolean) => void };
}

/**
 * Two of xterm 6.0's redraws that a flood pays for on every frame, and that change nothing on
 * screen; both reach into xterm's core, and change nothing where it is not as expected (another
 * version), leaving xterm's own behaviour:
 * - `deferViewportSync`: the viewport brings its scrollbar up to date (scroll height and
 *   position) on every line that scrolls the buffer while parsing, 200,000 times for a flood of
 *   200,000 lines, each restarting the timer that fades the scrollbar. While synchronized output
 *   holds drawing it now does so once, with the next render, as xterm 6.1 does
 *   (xtermjs/xterm.js#5770; 6.1 is only in beta). `TerminalStream` holds drawing around a
 *   flood's batches; a TUI's synchronized redraws no longer make the scrollbar jump either.
 * - `skipEmptySelectionRedraws`: every frame in which the buffer scrolled, the selection is
 *   redrawn, and the DOM renderer redraws every row for it, even with nothing selected and
 *   while synchronized output holds drawing: in the flood benchmark, more than half of the
 *   page's row redraws. It is now skipped while nothing is selected and nothing was at its
 *   last redraw (clearing a selection still redraws, once).
 */
export function limitXtermRedraws(terminal: Terminal): IDisposable {
  const core = (terminal as unknown as { _core?: XtermCore })._core;
  const undo = [deferViewportSync(terminal, core), skipEmptySelectionRedraws(terminal, core)];
  return { dispose: () => undo.forEach((disposable) => disposable.dispose()) };
}

const nothing: IDisposable = { dispose: () => undefined };

function deferViewportSync(terminal: Terminal, core: XtermCore | undefined): IDisposable {
  const viewport = core?._viewport;
  const sync = viewport?._sync;
  if (!viewport || typeof sync !== 'function' || Object.hasOwn(viewport, '_sync')) return nothing;
  let deferred = false;
  viewport._sync = (ydisp?: number) => {
    if (terminal.modes.synchronizedOutputMode) {
      deferred = true;
      return;
    }
    sync.call(viewport, ydisp);
  };
  const rendered = terminal.onRender(() => {
    if (!deferred || terminal.modes.synchronizedOutputMode) return;
    deferred = false;
    sync.call(viewport);
  });
  return {
    dispose: () => {
      rendered.dispose();
      delete viewport._sync;
    },
  };
}

function skipEmptySelectionRedraws(terminal: Terminal, core: XtermCore | undefined): IDisposable {
  const selection = core?._selectionService;
  const refresh = selection?.refresh;
  if (!selection || typeof refresh !== 'function' || Object.hasOwn(selection, 'refresh')) return nothing;
  /** Whether the last redraw asked for showed a selection (then the next one must, to clear it). */
  let shown = true;
  selection.refresh = (isLinuxMouseSelection?: boolean) => {
    const selected = terminal.hasSelection();
    if (!selected && !shown) return;
    shown = selected;
    refresh.call(selection, isLinuxMouseSelection);
  };
  return { dispose: () => delete selection.refresh };
}
