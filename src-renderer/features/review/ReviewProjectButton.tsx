import { useSelectionStore } from '../selection/selection-store';
import { reviewKeys } from './review-keys';
import './review.css';

/** The sidebar's one click into DiffLens for a project. */
export function ReviewProjectButton({ projectId, projectName }: { projectId: string; projectName: string }) {
  const openReview = useSelectionStore((s) => s.openReview);
  const active = useSelectionStore((s) => s.reviewing && s.selectedProjectId === projectId);
  return (
    <button
      type="button"
      className="project__review"
      aria-label={`Review changes in ${projectName}`}
      aria-current={active ? 'page' : undefined}
      title={`Review changes (${reviewKeys.toggleReview})`}
      onClick={() => openReview(projectId)}
    >
      Review
    </button>
  );
}
