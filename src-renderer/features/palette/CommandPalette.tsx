import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Modal } from '../../ui/Modal';
import { rankByFuzzy, type FuzzyMatch } from './fuzzy-match';
import type { PaletteAction } from './palette-action';

const maxShown = 60;

/**
 * Ctrl/Cmd+K: every action, fuzzy-searched as the user types; arrows move, Enter runs,
 * Escape closes. `actions` is built by the shell when the palette opens.
 */
export function CommandPalette({ actions, onClose }: { actions: readonly PaletteAction[]; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const listId = useId();
  const results = useMemo(() => rankByFuzzy(query, actions, (a) => `${a.title} ${a.keywords ?? ''}`.trim()).slice(0, maxShown), [query, actions]);
  const current = Math.min(active, Math.max(results.length - 1, 0));

  const runAt = (index: number) => {
    const chosen = results[index]?.item;
    if (!chosen || pending) return;
    if (chosen.disabledReason) {
      setRefusal(`${chosen.title}: ${chosen.disabledReason}`);
      return;
    }
    if (chosen.run) {
      onClose();
      chosen.run();
      return;
    }
    setPending(true);
    void chosen.ask().then((problem) => {
      setPending(false);
      if (problem) setRefusal(`${chosen.title}: ${problem}`);
      else onClose();
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || (event.key === 'n' && event.ctrlKey)) {
      event.preventDefault();
      setActive(results.length ? (current + 1) % results.length : 0);
    } else if (event.key === 'ArrowUp' || (event.key === 'p' && event.ctrlKey)) {
      event.preventDefault();
      setActive(results.length ? (current - 1 + results.length) % results.length : 0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      runAt(current);
    }
  };

  return (
    <Modal title="Command palette" onClose={onClose} className="modal--palette">
      <input
        data-autofocus
        className="input palette__input"
        role="combobox"
        aria-label="Search actions"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={results.length ? `${listId}-${current}` : undefined}
        aria-autocomplete="list"
        aria-busy={pending}
        placeholder="Type an action or a task…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setRefusal(null);
        }}
        onKeyDown={onKeyDown}
      />
      {refusal && (
        <p role="alert" className="inline-error">
          {refusal}
        </p>
      )}
      <ul id={listId} role="listbox" aria-label="Actions" className="palette__list">
        {results.map(({ item, match }, index) => (
          <li
            key={item.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === current}
            aria-disabled={item.disabledReason ? true : undefined}
            className={index === current ? 'palette__item palette__item--active' : 'palette__item'}
            onMouseMove={() => index !== current && setActive(index)}
            onClick={() => runAt(index)}
          >
            <span className="palette__title">
              <Highlighted text={item.title} match={match} />
            </span>
            <span className="palette__group">{item.group}</span>
            {item.shortcut && <kbd className="palette__shortcut">{item.shortcut}</kbd>}
          </li>
        ))}
      </ul>
      {results.length === 0 && <p className="muted palette__empty">Nothing matches “{query}”.</p>}
    </Modal>
  );
}

/** The title with the matched characters marked (positions past the title matched the keywords). */
function Highlighted({ text, match }: { text: string; match: FuzzyMatch }) {
  const marked = new Set(match.positions.filter((p) => p < text.length));
  if (marked.size === 0) return <>{text}</>;
  return (
    <>
      {[...text].map((char, index) =>
        marked.has(index) ? (
          <mark key={index} className="palette__mark">
            {char}
          </mark>
        ) : (
          <span key={index}>{char}</span>
        ),
      )}
    </>
  );
}
