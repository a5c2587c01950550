import { AttentionBadge } from '../notifications';
import { ProjectsSidebar } from '../projects/ProjectsSidebar';
import { ReviewPanel } from '../review/ReviewPanel';
import { useSelectionStore } from '../selection/selection-store';
import { AppInfoFooter } from './AppInfoFooter';
import { useAppStore } from './app-store';
import { ConnectionBanner } from './ConnectionBanner';
import { StorageBanner } from './StorageBanner';
import { DialogHost } from './DialogHost';
import { MainArea } from './MainArea';
import { PaletteHost } from './PaletteHost';
import { useGlobalShortcuts } from './use-global-shortcuts';

/** The three-column shell: projects and tasks, the selected task, its changes (two columns while DiffLens is open). */
export function Workbench() {
  useGlobalShortcuts();
  // DiffLens takes the review column's width too: diffs need the room.
  const reviewing = useSelectionStore((s) => s.reviewing && s.selectedProjectId !== null);
  const openDialog = useAppStore((s) => s.openDialog);
  return (
    <div className={reviewing ? 'workbench workbench--reviewing' : 'workbench'}>
      <ConnectionBanner />
      <StorageBanner />
      <ProjectsSidebar onAddProject={() => openDialog({ kind: 'addProject' })} footer={<AppInfoFooter />} attention={<AttentionBadge />} />
      <MainArea />
      {!reviewing && <ReviewPanel />}
      <DialogHost />
      <PaletteHost />
    </div>
  );
}
