import { ProjectsSidebar } from '../projects/ProjectsSidebar';
import { ReviewPanel } from '../review/ReviewPanel';
import { ConnectionBanner } from './ConnectionBanner';
import { DialogHost } from './DialogHost';
import { MainArea } from './MainArea';
import { useGlobalShortcuts } from './use-global-shortcuts';

/** The three-column shell: projects and tasks, the selected task, review. */
export function Workbench() {
  useGlobalShortcuts();
  return (
    <div className="workbench">
      <ConnectionBanner />
      <ProjectsSidebar />
      <MainArea />
      <ReviewPanel />
      <DialogHost />
    </div>
  );
}
