import { useEffect, useRef, useState } from 'react';
import type { TerminalInfo } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { TerminalStream } from './terminal-stream';
import { terminalStreams } from './terminal-streams';
import type { XtermHandle } from './xterm-setup';

/** Size changes while the user drags a divider are sent once it settles. */
const resizeSettleMs = 60;

/**
 * The terminal on screen: xterm.js (loaded on first use), replaying the host's snapshot and
 * then the live output, sending keystrokes and pastes, fitted to its element, focused.
 */
export function TerminalView({ info }: { info: TerminalInfo }) {
  const api = useBridge();
  const element = useRef<HTMLDivElement>(null);
  const xterm = useRef<XtermHandle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { id: terminalId, taskId } = info;
  // Only the first size matters: later ones come from the view itself.
  const initial = useRef({ cols: info.cols, rows: info.rows, scrollback: info.scrollback });
  const exited = info.state === 'exited';
  const exitedNow = useRef(exited);
  exitedNow.current = exited;

  useEffect(() => {
    let cleanUp: (() => void) | undefined;
    let gone = false;
    void import('./xterm-setup').then(({ createXterm }) => {
      if (gone || !element.current) return;
      const handle = createXterm(element.current, initial.current);
      xterm.current = handle;
      const { terminal } = handle;
      terminal.options.disableStdin = exitedNow.current;
      const stream = new TerminalStream(api, taskId, terminalId, terminal, setError);
      const removeStream = terminalStreams.add(stream);
      const sendSize = () => void api.invoke('terminals.resize', { taskId, terminalId, cols: terminal.cols, rows: terminal.rows });
      // Fitted before the snapshot is asked for, so the host serializes at the view's size.
      if (handle.fit()) sendSize();
      let resizeTimer: ReturnType<typeof setTimeout> | undefined;
      const resized = terminal.onResize(() => {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(sendSize, resizeSettleMs);
      });
      const typed = terminal.onData((data) => stream.input(data));
      const observer = new ResizeObserver(() => handle.fit());
      observer.observe(element.current);
      terminal.focus();
      void stream.attach();
      cleanUp = () => {
        observer.disconnect();
        resized.dispose();
        typed.dispose();
        clearTimeout(resizeTimer);
        stream.detach();
        removeStream();
        handle.dispose();
        xterm.current = null;
      };
    });
    return () => {
      gone = true;
      cleanUp?.();
    };
  }, [api, taskId, terminalId]);

  useEffect(() => {
    if (xterm.current) xterm.current.terminal.options.disableStdin = exited;
  }, [exited]);

  return (
    <>
      {error && <InlineError message={error} />}
      <div ref={element} className="terminal-view" />
    </>
  );
}
