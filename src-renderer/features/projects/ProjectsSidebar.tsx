import { AppInfoFooter } from '../app/AppInfoFooter';
import { useAppStore } from '../app/app-store';
import { ProjectSection } from './ProjectSection';
import { useProjectIds } from './projects-store';
import { SettingsButton } from '../settings';

export function ProjectsSidebar() {
  const projectIds = useProjectIds();
  const openDialog = useAppStore((s) => s.openDialog);
  return (
    <div className="sidebar">
      <nav aria-label="Projects" className="sidebar__nav">
        <div className="sidebar__header">
          <span className="sidebar__title">Projects</span>
          <button type="button" className="button button--small" onClick={() => openDialog({ kind: 'addProject' })}>
            Add project
          </button>
        </div>
        {projectIds.length === 0 ? (
          <p className="sidebar__empty muted">No projects yet.</p>
        ) : (
          <ul className="project-list">
            {projectIds.map((id) => (
              <ProjectSection key={id} projectId={id} />
            ))}
          </ul>
        )}
      </nav>
      <SettingsButton />
      <AppInfoFooter />
    </div>
  );
}
