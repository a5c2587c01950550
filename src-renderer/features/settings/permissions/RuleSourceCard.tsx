import type { Result, RuleSourceView } from '../../../../src-shared/contract';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { modeLabel } from '../../permissions/permission-text';

/**
 * A settings file Braid reads rules from: where it is, whether its allow rules and mode count
 * (a repository's file only once trusted, by content), its rules and its problems.
 */
export function RuleSourceCard({ source, trust }: { source: RuleSourceView; trust?: () => Promise<Result<unknown>> }) {
  const { pending, error, run } = useHostAction();
  const lists = (['allow', 'ask', 'deny'] as const).filter((kind) => source.rules[kind].length > 0);
  return (
    <section className="permissions-source" aria-label={source.label}>
      <h4 className="permissions-source__title">{source.label}</h4>
      {source.path && <p className="mono muted permissions-source__path">{source.path}</p>}
      {!source.exists ? (
        <p className="muted">No such file.</p>
      ) : source.needsTrust && !source.trusted ? (
        <div className="permissions-source__trust">
          <p>Not trusted: its deny and ask rules apply; its allow rules and mode do not, until you trust this exact content.</p>
          {trust && (
            <button type="button" className="button" disabled={pending} aria-busy={pending} onClick={() => void run(trust)}>
              Trust this file
            </button>
          )}
        </div>
      ) : source.needsTrust ? (
        <p className="muted">Trusted (this content; an edit asks again).</p>
      ) : null}
      {source.defaultMode && <p>Default mode: {modeLabel(source.defaultMode)}</p>}
      {lists.map((kind) => (
        <div key={kind} className="permissions-source__list">
          <span className="field__label">{kind === 'allow' ? 'Allow' : kind === 'ask' ? 'Ask' : 'Deny'}</span>
          <ul className="mono" aria-label={`${kind} rules of ${source.label}`}>
            {source.rules[kind].map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </div>
      ))}
      {source.problems.map((problem) => (
        <p key={problem} className="inline-error">
          {problem}
        </p>
      ))}
      <InlineError message={error} />
    </section>
  );
}
