import { useEffect, useRef } from 'react';
import { AnsiOutput } from '../terminals/AnsiOutput';

/**
 * A gate's log as its terminal showed it (colours, progress bars redrawn in place: the
 * terminals' light renderer), following the end while it grows. A log cut in the middle says so
 * in its own text.
 */
export function GateLogView({ text, label, live }: { text: string; label: string; live: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element && live) element.scrollTop = element.scrollHeight;
  }, [text, live]);
  return (
    <div ref={ref} className="gate-log" aria-busy={live}>
      {text ? (
        <AnsiOutput text={text} clipped={false} label={label} className="gate-log__output" />
      ) : (
        <pre className="gate-log__output gate-log__empty" aria-label={label}>
          {live ? 'Waiting for output…' : 'No output.'}
        </pre>
      )}
    </div>
  );
}
