import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { safeHref } from '../../ui/markdown/safe-href';
import { limitXtermRedraws } from './xterm-redraws';

export interface XtermHandle {
  terminal: Terminal;
  /** Fits the terminal to its element (nothing while the element is hidden); true when the size changed. */
  fit(): boolean;
  dispose(): void;
}

/** A dark palette whatever the app's theme: programs pick ANSI colours for dark terminals. */
const theme = {
  background: '#16181b',
  foreground: '#e3e5e8',
  cursor: '#e3e5e8',
  selectionBackground: '#3a4a66',
};

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * An xterm.js terminal in `element` with the DOM renderer (see the feature's README for why not
 * WebGL), fitted to it, links clickable (http, https and mailto only, opened outside the app),
 * Ctrl+Shift+C / Cmd+C copying the selection and Ctrl+Shift+V / Cmd+V pasting (the browser's
 * own paste, which xterm turns into input; bracketed when the program asked for it).
 */
export function createXterm(element: HTMLElement, options: { cols: number; rows: number; scrollback: number }): XtermHandle {
  const terminal = new Terminal({
    cols: options.cols,
    rows: options.rows,
    scrollback: options.scrollback,
    fontFamily: getComputedStyle(element).getPropertyValue('--font-mono') || 'monospace',
    fontSize: 13,
    theme,
    allowProposedApi: false,
  });
  const fitAddon = new FitAddon();
  terminal.loadAddon(fitAddon);
  terminal.loadAddon(
    new WebLinksAddon((_event, uri) => {
      const href = safeHref(uri);
      if (href) window.open(href, '_blank', 'noopener,noreferrer');
    }),
  );
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    const chord = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && event.shiftKey;
    const key = event.key.toLowerCase();
    if (chord && key === 'c') {
      if (terminal.hasSelection()) void navigator.clipboard.writeText(terminal.getSelection()).catch(() => undefined);
      return false;
    }
    // Left to the browser, whose paste event xterm handles.
    if (chord && key === 'v') return false;
    return true;
  });
  terminal.open(element);
  const redraws = limitXtermRedraws(terminal);
  return {
    terminal,
    fit() {
      if (element.clientWidth === 0 || element.clientHeight === 0) return false;
      const size = fitAddon.proposeDimensions();
      if (!size || !Number.isFinite(size.cols) || !Number.isFinite(size.rows)) return false;
      const cols = Math.max(2, Math.min(1_000, size.cols));
      const rows = Math.max(1, Math.min(500, size.rows));
      if (cols === terminal.cols && rows === terminal.rows) return false;
      terminal.resize(cols, rows);
      return true;
    },
    dispose: () => {
      redraws.dispose();
      terminal.dispose();
    },
  };
}
