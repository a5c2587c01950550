import { useState } from 'react';
import type { PermissionMode } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { useHostAction, type HostAction } from '../../ui/use-host-action';

export interface PermissionModeControl {
  /** Sets the task's mode (null: back to the default). Full auto without a sandbox asks to confirm first. */
  set(mode: PermissionMode | null): Promise<void>;
  /** Full auto waits for the user's confirmation: commands cannot be sandboxed here, and why. */
  confirming: { mode: PermissionMode; limitation: string } | null;
  confirm(): Promise<void>;
  cancel(): void;
  action: HostAction;
}

/**
 * A task's permission mode, set from the composer's picker or Shift+Tab. Where commands cannot
 * be sandboxed the host refuses full auto (`SANDBOX_UNAVAILABLE`) until the user confirms once
 * for the project; that refusal becomes the confirmation, not an error.
 */
export function usePermissionMode(taskId: string, projectId: string): PermissionModeControl {
  const api = useBridge();
  const action = useHostAction();
  const [confirming, setConfirming] = useState<PermissionModeControl['confirming']>(null);

  const set = async (mode: PermissionMode | null) => {
    await action.run(() => api.invoke('agent.setPermissionMode', { taskId, mode }), {
      explain: (error) => {
        if (error.code !== 'SANDBOX_UNAVAILABLE' || mode === null) return error.message;
        const details = error.details as { limitation?: unknown } | undefined;
        setConfirming({ mode, limitation: typeof details?.limitation === 'string' ? details.limitation : error.message });
        return null;
      },
    });
  };

  const confirm = async () => {
    if (!confirming) return;
    const { mode } = confirming;
    const confirmed = await action.run(() => api.invoke('permissions.confirmUnsandboxed', { projectId }));
    if (!confirmed?.ok) return;
    setConfirming(null);
    await set(mode);
  };

  return { set, confirming, confirm, cancel: () => setConfirming(null), action };
}
