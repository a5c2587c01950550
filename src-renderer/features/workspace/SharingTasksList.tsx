import type { SharingTask } from './shared-workspace';

/** The tasks that go with a shared workspace, as a delete or archive confirmation names them. */
export function SharingTasksList({ tasks }: { tasks: readonly SharingTask[] }) {
  return (
    <ul className="work-at-risk__list" aria-label="Tasks sharing the workspace">
      {tasks.map((task) => (
        <li key={task.id}>
          {task.title} <span className="muted">({task.role})</span>
        </li>
      ))}
    </ul>
  );
}
