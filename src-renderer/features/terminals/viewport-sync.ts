import type { IDisposable, Terminal } from '@xterm/xterm';

interface XtermViewport {
  _sync?: (ydisp?: number) => void;
}

/**
 * xterm 6.0's viewport brings its scrollbar up to date (scroll height and position) on every
 * line that scrolls the buffer, while parsing: 200,000 times for a flood of 200,000 lines, each
 * also restarting the timer that fades the scrollbar, about a fifth of the page's script time in
 * the terminal-flood benchmark. xterm 6.1 defers this while synchronized output holds drawing
 * and brings the scrollbar up to date with the next render (xtermjs/xterm.js#5770; 6.1 is only
 * in beta); this does the same for 6.0. `TerminalStream` holds drawing around a flood's batches,
 * so there the scrollbar is brought up to date once a batch, as the rows are.
 *
 * It reaches into xterm's core (the viewport's `_sync`); where that is not there (another
 * version), nothing is changed, and the scrollbar is kept up to date as xterm does it.
 */
export function deferViewportSyncWhileHeld(terminal: Terminal): IDisposable {
  const viewport = (terminal as unknown as { _core?: { _viewport?: XtermViewport } })._core?._viewport;
  const sync = viewport?._sync;
  if (!viewport || typeof sync !== 'function' || Object.hasOwn(viewport, '_sync')) return { dispose: () => undefined };
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
