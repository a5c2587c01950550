import { useEffect, useState } from 'react';

type Outcome = 'idle' | 'copied' | 'failed';

/** Copies a path; says so briefly. The clipboard API needs a secure context, which plain-HTTP remote web mode is not. */
export function CopyPathButton({ path }: { path: string }) {
  const [outcome, setOutcome] = useState<Outcome>('idle');

  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = setTimeout(() => setOutcome('idle'), 2_000);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(path);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };

  return (
    <>
      <button type="button" className="button button--small" onClick={copy}>
        Copy path
      </button>
      <span role="status" className="copy-status">
        {outcome === 'copied' && 'Copied'}
        {outcome === 'failed' && 'Could not copy; select the path and copy it by hand.'}
      </span>
    </>
  );
}
