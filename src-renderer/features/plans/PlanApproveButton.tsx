import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';

/** Approves one version; a second click while the first is on its way sends nothing. */
export function PlanApproveButton({ taskId, version, label = 'Approve' }: { taskId: string; version: number; label?: string }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        onClick={() => void run(() => api.invoke('plans.approve', { taskId, version }))}
        disabled={pending}
        aria-busy={pending}
      >
        {label}
      </button>
      <InlineError message={error} />
    </>
  );
}
