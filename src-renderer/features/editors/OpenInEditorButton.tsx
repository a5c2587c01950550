import { useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';

/**
 * Opens the task's worktree in the user's editor (the one chosen in Settings → Editor, else the
 * first found on PATH). Says which one opened, or the host's reason it could not.
 */
export function OpenInEditorButton({ taskId, disabled }: { taskId: string; disabled?: boolean }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [opened, setOpened] = useState<string | null>(null);
  const open = async () => {
    setOpened(null);
    const result = await run(() => api.invoke('editors.open', { taskId }));
    if (result?.ok) setOpened(result.data.opened);
  };
  return (
    <>
      <button type="button" className="button button--small" onClick={() => void open()} disabled={disabled || pending} aria-busy={pending}>
        Open in editor
      </button>
      <span role="status" className="copy-status">
        {opened && `Opened in ${opened}`}
      </span>
      <InlineError message={error} />
    </>
  );
}
