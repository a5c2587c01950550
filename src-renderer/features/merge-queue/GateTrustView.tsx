import type { GateTrust, MergeQueueView } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { ScriptLines } from '../workspace-setup/ScriptLines';
import { trustedScripts } from './gate-trust-text';

/**
 * The target's workspace config the queue waits to have trusted: the scripts it would run, the
 * rest of that content, the files, and "Trust and resume", which sends the content hash shown
 * (the host refuses it if the config on the target is no longer that).
 */
export function GateTrustView({ queue, trust }: { queue: MergeQueueView; trust: GateTrust }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const { runs, also } = trustedScripts(queue.gate, trust);
  const files = trust.files.join(' + ');
  const trustNow = () => run(() => api.invoke('mergeQueue.trustGate', { projectId: queue.projectId, targetBranch: queue.targetBranch, contentHash: trust.contentHash }));
  return (
    <section className="merge-queue__trust" aria-label={`Scripts to trust for the queue into ${queue.targetBranch}`}>
      <p>
        What the queue would run, from <span className="mono">{files}</span> on <span className="mono">{queue.targetBranch}</span>:
      </p>
      {runs.map((script) => (
        <ScriptLines key={script.label} label={script.label} title={script.label} lines={script.lines} />
      ))}
      {also.length > 0 && <p className="muted">The same content also has these workspace scripts; trusting it trusts them too:</p>}
      {also.map((script) => (
        <ScriptLines key={script.label} label={script.label} title={script.label} lines={script.lines} />
      ))}
      <p className="muted">
        These commands run under your shell with your permissions. Content hash <span className="mono">{trust.contentHash.slice(0, 12)}</span>; any change to{' '}
        {files} on {queue.targetBranch} asks again.
      </p>
      <button type="button" className="button button--primary button--small" onClick={() => void trustNow()} disabled={pending} aria-busy={pending}>
        Trust and resume
      </button>
      <InlineError message={error} />
    </section>
  );
}
