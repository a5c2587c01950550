import { useEffect, useId, useState } from 'react';
import type { PlanVersion } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';

interface LoadedDiff {
  key: string;
  text: string;
  added: number;
  removed: number;
}

/**
 * The text diff between any two versions (their Markdown), from the host's `plans.diff`:
 * added lines marked +, removed ones −, in words as well as colour.
 */
export function PlanDiffView({ taskId, versions, initialTo }: { taskId: string; versions: readonly PlanVersion[]; initialTo: number }) {
  const api = useBridge();
  const [to, setTo] = useState(initialTo);
  const [from, setFrom] = useState(() => Math.max(1, initialTo - 1));
  const [diff, setDiff] = useState<LoadedDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { from: useId(), to: useId() };
  const key = `${from}:${to}`;

  useEffect(() => {
    let current = true;
    void api.invoke('plans.diff', { taskId, from, to }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setDiff({ key: `${from}:${to}`, ...result.data });
        setError(null);
      } else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, taskId, from, to]);

  const shown = diff?.key === key ? diff : null;
  return (
    <section className="plan-diff" aria-label="Changes between versions">
      <div className="plan-diff__pickers">
        <label htmlFor={ids.from}>From</label>
        <select id={ids.from} className="input" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
          {versions.map((version) => (
            <option key={version.version} value={version.version}>{`v${version.version}`}</option>
          ))}
        </select>
        <label htmlFor={ids.to}>to</label>
        <select id={ids.to} className="input" value={to} onChange={(e) => setTo(Number(e.target.value))}>
          {versions.map((version) => (
            <option key={version.version} value={version.version}>{`v${version.version}`}</option>
          ))}
        </select>
        {shown && <span className="muted">{`${shown.added} added, ${shown.removed} removed`}</span>}
      </div>
      <InlineError message={error} />
      {shown && (shown.text === '' ? <p className="muted">{from === to ? 'The same version.' : 'No difference in the text.'}</p> : <DiffLines text={shown.text} />)}
    </section>
  );
}

function DiffLines({ text }: { text: string }) {
  const lines = text.replace(/\n$/, '').split('\n');
  return (
    <pre className="plan-diff__text" aria-label="Unified diff">
      {lines.map((line, index) => {
        const kind = line.startsWith('+++') || line.startsWith('---') ? 'file' : line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'context';
        return (
          <span key={index} className={`plan-diff__line plan-diff__line--${kind}`}>
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
