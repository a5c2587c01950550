/** Reserved for DiffLens. Until it lands this says so plainly instead of pretending. */
export function ReviewPanel() {
  return (
    <aside className="review-panel" aria-label="Review">
      <h2 className="section-title">Review</h2>
      <div className="empty-state empty-state--panel">
        <p className="empty-state__lead">Review arrives with DiffLens</p>
        <p className="muted">Each workspace’s diff, hunk by hunk, with comments that go back to the task’s agent.</p>
      </div>
    </aside>
  );
}
