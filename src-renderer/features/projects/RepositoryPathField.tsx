import { useId, useState, type KeyboardEvent } from 'react';
import { usePathCompletion, type PathEntry } from './use-path-completion';
import './path-field.css';

interface RepositoryPathFieldProps {
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
}

/** Folders are completed one level at a time, so a chosen folder gets a trailing separator. */
function descendInto(path: string): string {
  const separator = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  return path.endsWith(separator) ? path : path + separator;
}

/**
 * A text field with folder completion from the host (a combobox with a listbox): arrows move
 * through suggestions, Enter takes one, Escape closes the list. Repositories are marked.
 */
export function RepositoryPathField({ value, onChange, autoFocus }: RepositoryPathFieldProps) {
  const inputId = useId();
  const listId = useId();
  const [listOpen, setListOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const entries = usePathCompletion(value, listOpen);
  const expanded = listOpen && entries.length > 0;
  const activeIndex = active < entries.length ? active : -1;

  const edit = (next: string) => {
    onChange(next);
    setActive(-1);
    setListOpen(true);
  };

  const choose = (entry: PathEntry) => {
    if (entry.isRepository) {
      onChange(entry.path);
      setListOpen(false);
    } else {
      edit(descendInto(entry.path));
    }
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) {
        setListOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + entries.length) % entries.length);
    } else if (event.key === 'Enter' && expanded && activeIndex >= 0) {
      // Take the suggestion instead of submitting the form.
      event.preventDefault();
      const entry = entries[activeIndex];
      if (entry) choose(entry);
    } else if (event.key === 'Escape' && expanded) {
      // Close only the list; the dialog stays open.
      event.preventDefault();
      event.stopPropagation();
      setListOpen(false);
    }
  };

  return (
    <div className="combobox">
      <label htmlFor={inputId} className="field__label">
        Repository path
      </label>
      <input
        id={inputId}
        className="input mono"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="/home/you/code/repository"
        value={value}
        onChange={(event) => edit(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setListOpen(false)}
        data-autofocus={autoFocus ? true : undefined}
      />
      <ul id={listId} role="listbox" aria-label="Path suggestions" className="combobox__list" hidden={!expanded}>
        {entries.map((entry, index) => (
          <li
            key={entry.path}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            className="combobox__option"
            // Keep focus in the field; a click should not blur it and close the list first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(entry)}
          >
            <span className="mono">{entry.path}</span>
            {entry.isRepository && <span className="tag">git repository</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
