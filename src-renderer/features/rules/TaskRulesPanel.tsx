import { useEffect, useState } from 'react';
import type { TaskRules, TaskStatus } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { GivenRulesList, RulesWarnings } from './GivenRules';
import { discoveredSummary, rulesHeadline } from './rules-text';

/**
 * The rules of one task: every time it was given rules (a run's start, a path's first touch:
 * file, scope, size, when, and what was cut or refused), then the rules files that apply only
 * where the agent works or when asked. Read again when the agent's status changes and on Refresh.
 */
export function TaskRulesPanel({ taskId, status }: { taskId: string; status: TaskStatus }) {
  const api = useBridge();
  const [rules, setRules] = useState<TaskRules | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let current = true;
    void api.invoke('rules.forTask', { taskId }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setRules(result.data);
        setError(null);
      } else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, taskId, status, asked]);

  const waiting = rules?.discovered.filter((rule) => rule.activation !== 'always') ?? [];
  return (
    <section className="rules-panel" aria-label="Rules of this task">
      <InlineError message={error} />
      {rules === null && error === null && <p className="muted">Loading rules…</p>}
      {rules && (
        <>
          <h3 className="rules-panel__heading">Given to this task</h3>
          {rules.given.length === 0 ? (
            <p className="muted">Nothing yet: rules are read when the agent starts.</p>
          ) : (
            <ol className="rules-panel__entries" aria-label="Rules given to this task">
              {rules.given.map((entry) => (
                <li key={entry.seq}>
                  <p>
                    {rulesHeadline(entry)} <span className="muted">· {new Date(entry.at).toLocaleString()}</span>
                  </p>
                  <GivenRulesList rules={entry.rules} />
                  <RulesWarnings warnings={entry.warnings} label="Warnings" className="rules-panel__warnings" />
                </li>
              ))}
            </ol>
          )}
          {waiting.length > 0 && (
            <>
              <h3 className="rules-panel__heading">Given only where they apply</h3>
              <ul aria-label="Rules given only where they apply">
                {waiting.map((rule) => (
                  <li key={rule.file}>{discoveredSummary(rule)}</li>
                ))}
              </ul>
            </>
          )}
          <RulesWarnings warnings={rules.problems} label="Rules problems" className="rules-panel__warnings" />
          <p className="muted">
            Budget: {rules.budget.totalChars.toLocaleString()} characters of rules per run, {rules.budget.fileChars.toLocaleString()} per file. Personal rules: Settings → Rules.
          </p>
        </>
      )}
      <button type="button" className="button button--small" onClick={() => setAsked((count) => count + 1)}>
        Refresh rules
      </button>
    </section>
  );
}
