import { OrphanItem } from './OrphanItem';
import { useOrphans } from './orphans-store';
import './orphans.css';

/** Worktree folders no task owns (after a crash or a copy), listed so they can be cleaned up. */
export function OrphanList({ projectId, projectName }: { projectId: string; projectName: string }) {
  const orphans = useOrphans(projectId);
  if (orphans.length === 0) return null;
  return (
    <div className="orphans">
      <p className="orphans__title">Leftover workspaces</p>
      <ul className="orphans__list" aria-label={`Leftover workspaces in ${projectName}`}>
        {orphans.map((orphan) => (
          <OrphanItem key={orphan.path} projectId={projectId} path={orphan.path} branch={orphan.branch} />
        ))}
      </ul>
    </div>
  );
}
