import type { Project } from '../../../src-shared/contract';

/** "on feature (default main)": where the user's checkout is, and what the repository calls its main line. */
export function BranchSummary({ project }: { project: Project }) {
  const current = project.currentBranch ?? 'detached HEAD';
  const showDefault = project.defaultBranch !== null && project.defaultBranch !== project.currentBranch;
  return (
    <>
      on {current}
      {showDefault && <> (default {project.defaultBranch})</>}
    </>
  );
}
