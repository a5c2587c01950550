import { useId, useState, type FormEvent } from 'react';
import { permissionModes, type PermissionExplanation, type PermissionMode } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { decisionLine, modeLabel } from '../../permissions/permission-text';

/** "Try a command": which rule decides a command line in this project, part by part, and why. */
export function TryCommand({ projectId }: { projectId: string }) {
  const api = useBridge();
  const commandId = useId();
  const modeId = useId();
  const [command, setCommand] = useState('');
  const [mode, setMode] = useState<PermissionMode | ''>('');
  const [answer, setAnswer] = useState<PermissionExplanation | null>(null);
  const { pending, error, run } = useHostAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() => api.invoke('permissions.explain', { projectId, command, ...(mode ? { mode } : {}) }));
    setAnswer(result?.ok ? result.data : null);
  };

  return (
    <form className="form permissions-try" onSubmit={submit} aria-label="Try a command">
      <div className="field">
        <label htmlFor={commandId} className="field__label">
          Try a command
        </label>
        <input id={commandId} className="input mono" value={command} onChange={(e) => setCommand(e.target.value)} placeholder="npm run test -- --watch && git push" spellCheck={false} />
      </div>
      <div className="approval-card__buttons">
        <label htmlFor={modeId} className="visually-hidden">
          Mode to try it in
        </label>
        <select id={modeId} className="input mode-picker__select" value={mode} onChange={(e) => setMode(e.target.value as PermissionMode | '')}>
          <option value="">The project’s default mode</option>
          {permissionModes.map((option) => (
            <option key={option} value={option}>
              In {modeLabel(option)}
            </option>
          ))}
        </select>
        <button type="submit" className="button" disabled={pending || command.trim() === ''} aria-busy={pending}>
          Check
        </button>
      </div>
      <InlineError message={error} />
      {answer && (
        <div role="status" aria-label="Verdict" className={`permissions-verdict permissions-verdict--${answer.decision}`}>
          <p>
            <strong>{answer.decision === 'allow' ? 'Runs without asking' : answer.decision === 'ask' ? 'Asks first' : 'Denied'}</strong> in {modeLabel(answer.mode.mode)}
            {answer.sandboxed ? ', in the sandbox' : ''}. {decisionLine(answer.decision, answer.rule, answer.source)}.
          </p>
          <p>{answer.reason}</p>
          {answer.parts.length > 1 && (
            <ul aria-label="Parts">
              {answer.parts.map((part, index) => (
                <li key={index}>
                  <span className="mono">{part.text}</span>: {decisionLine(part.decision, part.rule, part.source)}. {part.why}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
