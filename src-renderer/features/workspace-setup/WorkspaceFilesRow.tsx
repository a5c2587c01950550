import type { WorkspaceFilesItem } from '../conversation/timeline-items';
import { Disclosure } from '../conversation/rows/Disclosure';

const broughtWord = { copy: 'Copied', hardlink: 'Hard-linked', symlink: 'Linked' } as const;

/** Ignored files brought into the worktree from the main checkout, and those left out with why. */
export function WorkspaceFilesRow({ item }: { item: WorkspaceFilesItem }) {
  const count = item.brought.length + item.more;
  return (
    <div className="workspace-files" role="group" aria-label="Ignored files brought over">
      <p className="status-line">
        <span>
          {count > 0 ? `${broughtWord[item.mode]} ${count} ignored ${count === 1 ? 'entry' : 'entries'} from the main checkout` : 'No ignored files brought over'}
          {item.skipped.length > 0 ? `, ${item.skipped.length} left out` : ''}
        </span>
      </p>
      {count > 0 && (
        <Disclosure summary="Brought over">
          {() => (
            <pre className="tool-card__pre mono">
              {item.brought.join('\n')}
              {item.more > 0 ? `\n… and ${item.more} more` : ''}
            </pre>
          )}
        </Disclosure>
      )}
      {item.skipped.length > 0 && (
        <ul className="workspace-files__skipped">
          {item.skipped.map((entry) => (
            <li key={entry.path}>
              <span className="mono">{entry.path}</span>: {entry.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
