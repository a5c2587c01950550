import type { Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { sourceText } from './setup-text';
import { useSetupConfig } from './use-setup-config';
import { WorkspaceScriptsView } from './WorkspaceScriptsView';
import './workspace-setup.css';

/**
 * The task's workspace setup while it matters (W3), region `Workspace setup`: progress while
 * it runs (in the terminal tab Setup), the scripts to trust when it waits for
 * that, and after a failure the reason with Retry setup and Start anyway. The agent starts
 * only once the setup succeeded, was not needed, or the user chose to go without it.
 */
export function SetupNotice({ task }: { task: Task }) {
  const { setup } = task.workspace;
  if (task.workspace.state !== 'ready') return null;
  switch (setup.state) {
    case 'pending':
    case 'preparing':
      return (
        <section className="notice setup-notice" aria-label="Workspace setup">
          <p role="status">Setting up the workspace…</p>
        </section>
      );
    case 'running':
      return (
        <section className="notice setup-notice" aria-label="Workspace setup">
          <p role="status">
            Running the setup script{setup.source ? ` from ${sourceText(setup.source)}` : ''} in the terminal tab Setup; the agent starts when it has
            finished.
          </p>
        </section>
      );
    case 'needs_trust':
      return <TrustPrompt task={task} />;
    case 'failed':
      return <SetupFailed task={task} />;
    default:
      return null;
  }
}

function TrustPrompt({ task }: { task: Task }) {
  const { config, error, setConfig } = useSetupConfig(task.projectId, task.workspace.setup.source?.files.join());
  return (
    <section className="notice notice--missing setup-notice" aria-label="Workspace setup">
      <p>
        <strong>This repository’s setup script runs only once you trust it.</strong> Read what it runs first.
      </p>
      <InlineError message={error} />
      {config && <WorkspaceScriptsView projectId={task.projectId} config={config} onChanged={setConfig} trustLabel="Trust and run setup" />}
      <StartWithoutSetup task={task} label="Start without setup" />
    </section>
  );
}

function SetupFailed({ task }: { task: Task }) {
  const api = useBridge();
  const retry = useHostAction();
  const { setup } = task.workspace;
  return (
    <section className="notice notice--failed setup-notice" aria-label="Workspace setup">
      <p>
        <strong>The workspace setup failed, so the agent has not started.</strong> {setup.reason}
      </p>
      <p className="muted">Its output is in the terminal tab Setup, and its end in the conversation.</p>
      <div className="setup-notice__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void retry.run(() => api.invoke('workspaces.retrySetup', { taskId: task.id }))}
          disabled={retry.pending}
          aria-busy={retry.pending}
        >
          Retry setup
        </button>
        <StartWithoutSetup task={task} label="Start anyway" />
      </div>
      <InlineError message={retry.error} />
    </section>
  );
}

function StartWithoutSetup({ task, label }: { task: Task; label: string }) {
  const api = useBridge();
  const start = useHostAction();
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => void start.run(() => api.invoke('workspaces.startWithoutSetup', { taskId: task.id }))}
        disabled={start.pending}
        aria-busy={start.pending}
      >
        {label}
      </button>
      <InlineError message={start.error} />
    </>
  );
}
