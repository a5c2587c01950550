import { useId } from 'react';
import { includeLinkModes, type IncludeLinkMode, type WorkspaceScriptKind, type WorkspaceSetupConfig } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { ScriptLines } from './ScriptLines';
import { linkModeWords, scriptWords, sourceText } from './setup-text';

/**
 * Exactly what the repository's workspace config would run, as the host read it: each script's
 * command lines, the include patterns and the port names; with "Trust and run" when it is not
 * trusted in this content (the hash shown is what is trusted) and how ignored files are brought.
 */
export function WorkspaceScriptsView({
  projectId,
  config,
  onChanged,
  trustLabel = 'Trust these scripts',
}: {
  projectId: string;
  config: WorkspaceSetupConfig;
  onChanged(config: WorkspaceSetupConfig): void;
  trustLabel?: string;
}) {
  const api = useBridge();
  const trust = useHostAction();
  const linkMode = useHostAction();
  const linkModeId = useId();
  const scripts = (['setup', 'run', 'archive'] as WorkspaceScriptKind[]).filter((kind) => config.scripts[kind].length > 0);
  const hasScripts = scripts.length > 0 || config.scripts.test.length > 0;

  const trustNow = async () => {
    if (!config.contentHash) return;
    const result = await trust.run(() => api.invoke('workspaces.trustSetup', { projectId, contentHash: config.contentHash! }));
    if (result?.ok) onChanged(result.data);
  };
  const setLinkMode = async (mode: IncludeLinkMode) => {
    const result = await linkMode.run(() => api.invoke('workspaces.setSetupSettings', { projectId, linkMode: mode }));
    if (result?.ok) onChanged(result.data);
  };

  return (
    <div className="workspace-scripts">
      {config.source ? (
        <p>
          From <span className="mono">{sourceText(config.source)}</span>
          {config.trusted ? ' · trusted' : hasScripts ? ' · not trusted yet: nothing of it runs until you trust it' : ''}
        </p>
      ) : (
        <p className="muted">This repository has no workspace config (.braid/workspace.json, conductor.json, …).</p>
      )}
      {config.problem && <pre className="workspace-scripts__problem selectable">{config.problem}</pre>}
      {scripts.map((kind) => (
        <ScriptLines key={kind} label={`${scriptWords[kind]} script`} title={scriptWords[kind]} lines={config.scripts[kind]} />
      ))}
      {config.scripts.test.length > 0 && <ScriptLines label="Test command" title="Test (the merge queue’s gate)" lines={config.scripts.test} />}
      {config.include.patterns.length > 0 && (
        <p>
          Ignored files brought over ({config.include.from}): <span className="mono">{config.include.patterns.join('  ')}</span>
        </p>
      )}
      <p className="workspace-scripts__link-mode">
        <label htmlFor={linkModeId}>Bring ignored files by</label>{' '}
        <select id={linkModeId} value={config.linkMode} disabled={linkMode.pending} onChange={(event) => void setLinkMode(event.target.value as IncludeLinkMode)}>
          {includeLinkModes.map((mode) => (
            <option key={mode} value={mode}>
              {linkModeWords[mode]}
            </option>
          ))}
        </select>
      </p>
      <InlineError message={linkMode.error} />
      {hasScripts && !config.trusted && !config.problem && config.contentHash && (
        <div className="workspace-scripts__trust">
          <p className="muted">
            These commands run under your shell with your permissions. Content hash <span className="mono">{config.contentHash.slice(0, 12)}</span>; any change to
            the file asks again.
          </p>
          <button type="button" className="button button--primary" onClick={() => void trustNow()} disabled={trust.pending} aria-busy={trust.pending}>
            {trustLabel}
          </button>
          <InlineError message={trust.error} />
        </div>
      )}
    </div>
  );
}
