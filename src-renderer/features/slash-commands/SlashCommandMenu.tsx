import type { SlashCommand } from '../../../src-shared/contract';
import { problemsNote } from './slash-menu';
import type { SlashMenu } from './use-slash-menu';
import './slash-commands.css';

const sourceTags: Record<SlashCommand['source'], string | null> = {
  'built-in': null,
  project: 'project',
  user: 'yours',
  mcp: 'MCP',
};

/**
 * The `/` menu's list under (or over) a text field that keeps the focus: each command with its
 * argument hint, its description and where it comes from. A click takes a command.
 */
export function SlashCommandMenu({ menu, placement = 'above' }: { menu: SlashMenu; placement?: 'above' | 'below' }) {
  if (!menu.open) return null;
  const note = problemsNote(menu.problems);
  return (
    <div className={`slash-menu slash-menu--${placement}`}>
      {menu.loading && menu.items.length === 0 && <p className="slash-menu__note">Loading commands…</p>}
      {menu.error && <p className="slash-menu__note" role="alert">Could not list the commands: {menu.error}</p>}
      <ul id={menu.listboxId} role="listbox" aria-label="Commands" className="slash-menu__list">
        {menu.items.map((command, index) => {
          const tag = sourceTags[command.source];
          return (
            <li
              key={command.name}
              id={menu.optionId(index)}
              role="option"
              aria-selected={index === menu.activeIndex}
              className="slash-menu__option"
              title={command.origin ?? undefined}
              // Keep the focus in the text field.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => menu.choose(command)}
            >
              <span className="slash-menu__name mono">/{command.name}</span>
              {command.argumentHint && <span className="slash-menu__hint mono">{command.argumentHint}</span>}
              <span className="slash-menu__description">{command.description}</span>
              {tag && <span className="tag">{tag}</span>}
            </li>
          );
        })}
      </ul>
      {note && (
        <p className="slash-menu__note" title={menu.problems.map((problem) => `${problem.file}: ${problem.message}`).join('\n')}>
          {note}
        </p>
      )}
    </div>
  );
}
