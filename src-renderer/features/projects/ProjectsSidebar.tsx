import type { ReactNode } from 'react';
import { ProjectSection } from './ProjectSection';
import { useProjectIds } from './projects-store';
import { SettingsButton } from '../settings';
import './sidebar.css';

/** The left column: projects with their tasks, Settings, and what the shell puts at the bottom. */
/** `attention`: the shell's count of tasks that need the user, beside the header's actions. */
export function ProjectsSidebar({ onAddProject, footer, attention }: { onAddProject(): void; footer: ReactNode; attention?: ReactNode }) {
  const projectIds = useProjectIds();
  return (
    <div className="sidebar">
      <nav aria-label="Projects" className="sidebar__nav">
        <div className="sidebar__header">
          <span className="sidebar__title">Projects</span>
          {attention}
          <button type="button" className="button button--small" onClick={onAddProject}>
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
      {footer}
    </div>
  );
}
