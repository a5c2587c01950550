import { useAppStore } from './app-store';

/** No projects yet: the one thing to do next. */
export function WelcomeEmptyState() {
  const openDialog = useAppStore((s) => s.openDialog);
  return (
    <main className="main empty-state" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Add a local git repository to start</h1>
      <p className="muted">
        Each task you create gets its own git worktree and branch, so several agents can work on the repository at once
        without touching your checkout.
      </p>
      <button type="button" className="button button--primary" onClick={() => openDialog({ kind: 'addProject' })}>
        Add repository
      </button>
    </main>
  );
}
