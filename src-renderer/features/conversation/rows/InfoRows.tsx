import { Markdown } from '../../../ui/markdown/Markdown';
import type { CompactionItem, StatusItem, StepUsageItem, TodosItem } from '../timeline-items';
import { formatUsage } from '../usage-format';
import { Disclosure } from './Disclosure';

function statusLine(item: StatusItem): string {
  const reason = item.reason ? `: ${item.reason}` : '';
  switch (item.status) {
    case 'queued':
      return `Queued${reason}`;
    case 'paused':
      return `Paused${reason}`;
    case 'done':
      return 'Done';
    case 'failed':
      return `Failed${reason}`;
    case 'interrupted':
      return 'Interrupted — Resume to continue';
    case 'stopped':
      return 'Stopped';
    default:
      return item.status;
  }
}

/** A change of the run's state, as a small separator. */
export function StatusLine({ item }: { item: StatusItem }) {
  return (
    <p className={`status-line status-line--${item.status}`}>
      <span>{statusLine(item)}</span>
    </p>
  );
}

export function CompactionMarker({ item }: { item: CompactionItem }) {
  return (
    <div className="compaction">
      <p className="status-line">
        <span>Earlier messages were summarised</span>
      </p>
      <Disclosure summary="Summary">{() => <Markdown source={item.summary} />}</Disclosure>
    </div>
  );
}

export function StepUsageLine({ item }: { item: StepUsageItem }) {
  return (
    <p className="usage-line" title={item.model}>
      Step {item.step} · {formatUsage(item)}
    </p>
  );
}

const todoMarks = { pending: '○', in_progress: '◐', completed: '●' } as const;
const todoWords = { pending: 'to do', in_progress: 'in progress', completed: 'done' } as const;

export function TodoList({ item }: { item: TodosItem }) {
  return (
    <div className="todos">
      <p className="todos__title">Plan</p>
      <ul>
        {item.todos.map((todo, i) => (
          <li key={i} className={`todo todo--${todo.status}`}>
            <span aria-hidden="true">{todoMarks[todo.status]}</span> {todo.content}
            <span className="visually-hidden"> ({todoWords[todo.status]})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
