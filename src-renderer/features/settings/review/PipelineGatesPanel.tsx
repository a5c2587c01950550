import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PipelineSettings } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { reloadPipelines } from '../../pipelines/pipelines-sync';

/**
 * Settings → Review, for pipelines: whether a review starts by itself once an implement task is
 * ready (auto review), and the check command run in its workspace before the review (its
 * result goes to the reviewer; a failing one holds auto review and blocks the merge).
 */
export function PipelineGatesPanel({ projectId }: { projectId: string }) {
  const api = useBridge();
  const [settings, setSettings] = useState<PipelineSettings | null>(null);
  const [command, setCommand] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, run } = useHostAction();
  const commandId = useId();

  useEffect(() => {
    let current = true;
    void api.invoke('projects.pipelineSettings.get', { projectId }).then((result) => {
      if (!current || !result.ok) return;
      setSettings(result.data);
      setCommand(result.data.checkCommand ?? '');
    });
    return () => {
      current = false;
    };
  }, [api, projectId]);

  if (!settings) return null;

  const save = async (changes: Partial<PipelineSettings>, said: (saved: PipelineSettings) => string) => {
    setNotice(null);
    const result = await run(() => api.invoke('projects.pipelineSettings.set', { projectId, settings: changes }));
    if (!result?.ok) return;
    setSettings(result.data);
    setCommand(result.data.checkCommand ?? '');
    setNotice(said(result.data));
    reloadPipelines();
  };
  const saveCommand = (event: FormEvent) => {
    event.preventDefault();
    void save({ checkCommand: command.trim() || null }, (saved) => (saved.checkCommand ? `Saved: the check is \`${saved.checkCommand}\`.` : 'Saved: no check command.'));
  };

  return (
    <div className="settings-section">
      <label className="checkbox">
        <input
          type="checkbox"
          role="switch"
          checked={settings.autoReview}
          disabled={pending}
          onChange={(event) => void save({ autoReview: event.target.checked }, (saved) => `Saved: auto review is ${saved.autoReview ? 'on' : 'off'}.`)}
        />
        Auto review: start a pipeline’s review as soon as an implement task is ready
      </label>
      <form className="field" onSubmit={saveCommand}>
        <label htmlFor={commandId} className="field__label">
          Check command
        </label>
        <div className="field-row">
          <input id={commandId} className="input mono" value={command} placeholder="e.g. npm test (empty: none)" spellCheck={false} onChange={(event) => setCommand(event.target.value)} maxLength={2000} />
          <button type="submit" className="button" disabled={pending || command.trim() === (settings.checkCommand ?? '')}>
            Save check
          </button>
        </div>
        <p className="muted">Runs in the implement task’s workspace before its review, in the sandbox where this machine has one. Its result goes to the reviewer; a failing check holds the review and blocks the merge unless you merge anyway with a reason.</p>
      </form>
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <InlineError message={error} />
    </div>
  );
}
