import { useEffect, useMemo, useRef } from 'react';
import { terminalPlainText } from './terminal-text';

/**
 * A gate's log as its terminal wrote it, following the end while it grows. The seam for the
 * terminal view: until the renderer's ANSI view is on this branch, the text is shown plain.
 */
export function GateLogView({ text, clipped, label, live }: { text: string; clipped: boolean; label: string; live: boolean }) {
  const plain = useMemo(() => terminalPlainText(text), [text]);
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element && live) element.scrollTop = element.scrollHeight;
  }, [plain, live]);
  return (
    <pre ref={ref} className="gate-log mono selectable" aria-label={label} aria-live={live ? 'polite' : undefined} aria-busy={live}>
      {clipped && <span className="gate-log__clipped">(the middle of a long log was cut){'\n'}</span>}
      {plain || (live ? 'Waiting for output…' : 'No output.')}
    </pre>
  );
}
