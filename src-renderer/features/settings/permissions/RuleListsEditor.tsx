import { useId, useState, type FormEvent } from 'react';
import { issuesFromDetails, ruleKinds, type PermissionsOverview, type Result, type RuleLists } from '../../../../src-shared/contract';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { issuesByKind, rulesFromText, textFromRules } from './rule-lines';

const kindLabels = { allow: 'Allow', ask: 'Ask', deny: 'Deny' } as const;

/** Braid's own rules (every project, or this project): one textarea per kind, one rule per line. */
export function RuleListsEditor({ title, rules, save }: { title: string; rules: RuleLists; save(rules: RuleLists): Promise<Result<PermissionsOverview>> }) {
  const [drafts, setDrafts] = useState(() => ({ allow: textFromRules(rules.allow), ask: textFromRules(rules.ask), deny: textFromRules(rules.deny) }));
  const [problems, setProblems] = useState<Partial<Record<keyof RuleLists, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, run } = useHostAction();
  const baseId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const lists = { allow: rulesFromText(drafts.allow), ask: rulesFromText(drafts.ask), deny: rulesFromText(drafts.deny) };
    const result = await run(() => save(lists), {
      explain: (failure) => {
        const issues = issuesFromDetails(failure.details);
        if (issues.length === 0) return failure.message;
        setProblems(issuesByKind(issues));
        return 'Some rules do not parse; see below each list.';
      },
    });
    if (result?.ok) {
      setProblems({});
      setNotice('Saved.');
    }
  };

  return (
    <form className="form permissions-rules" onSubmit={submit} aria-label={title}>
      <h4 className="permissions-source__title">{title}</h4>
      <div className="permissions-rules__lists">
        {ruleKinds.map((kind) => (
          <div className="field" key={kind}>
            <label htmlFor={`${baseId}-${kind}`} className="field__label">
              {kindLabels[kind]} rules ({title})
            </label>
            <textarea
              id={`${baseId}-${kind}`}
              className="input textarea mono"
              rows={3}
              spellCheck={false}
              value={drafts[kind]}
              placeholder={kind === 'allow' ? 'Bash(npm run test *)' : kind === 'ask' ? 'Bash(git push *)' : 'Read(./.env)'}
              onChange={(e) => setDrafts({ ...drafts, [kind]: e.target.value })}
            />
            <InlineError message={problems[kind] ?? null} />
          </div>
        ))}
      </div>
      <div className="approval-card__buttons">
        <button type="submit" className="button" disabled={pending} aria-busy={pending}>
          Save rules
        </button>
        <span role="status" className="muted">
          {notice}
        </span>
      </div>
      <InlineError message={error} />
    </form>
  );
}
