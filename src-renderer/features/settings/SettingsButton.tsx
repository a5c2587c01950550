import { shortcutLabel } from '../../ui/shortcut-label';
import { useSelectionStore } from '../selection/selection-store';
import { SettingsDialog } from './SettingsDialog';
import { useSettingsShortcut } from './use-settings-shortcut';
import { useSettingsStore } from './settings-store';

/**
 * Opens Settings (also with Ctrl/Cmd+,). MCP servers of the selected project are included
 * unless another `projectId` is given.
 */
export function SettingsButton({ projectId }: { projectId?: string }) {
  const selectedProjectId = useSelectionStore((s) => s.selectedProjectId);
  const open = useSettingsStore((s) => s.open);
  const { openSettings, closeSettings } = useSettingsStore.getState();
  useSettingsShortcut(() => openSettings());
  return (
    <>
      <button type="button" className="button button--small settings-button" onClick={() => openSettings()} title={`Settings (${shortcutLabel(',')})`}>
        Settings
      </button>
      <SettingsDialog open={open !== null} section={open ?? undefined} onClose={closeSettings} projectId={projectId ?? selectedProjectId ?? undefined} />
    </>
  );
}
