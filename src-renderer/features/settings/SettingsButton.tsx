import { useState } from 'react';
import { shortcutLabel } from '../../ui/shortcut-label';
import { useSelectionStore } from '../selection/selection-store';
import { SettingsDialog } from './SettingsDialog';
import { useSettingsShortcut } from './use-settings-shortcut';

/**
 * Opens Settings (also with Ctrl/Cmd+,). MCP servers of the selected project are included
 * unless another `projectId` is given.
 */
export function SettingsButton({ projectId }: { projectId?: string }) {
  const selectedProjectId = useSelectionStore((s) => s.selectedProjectId);
  const [open, setOpen] = useState(false);
  useSettingsShortcut(() => setOpen(true));
  return (
    <>
      <button type="button" className="button button--small settings-button" onClick={() => setOpen(true)} title={`Settings (${shortcutLabel(',')})`}>
        Settings
      </button>
      <SettingsDialog open={open} onClose={() => setOpen(false)} projectId={projectId ?? selectedProjectId ?? undefined} />
    </>
  );
}
