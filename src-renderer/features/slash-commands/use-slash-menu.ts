import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SlashCommand, SlashCommandProblem } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { completedText, filterCommands, menuQuery } from './slash-menu';

/** Whose commands: a task's composer (built-ins, files, its MCP prompts) or a project's new-task prompt. */
export type SlashTarget = { taskId: string } | { projectId: string };

export interface SlashMenu {
  open: boolean;
  items: SlashCommand[];
  activeIndex: number;
  loading: boolean;
  error: string | null;
  problems: SlashCommandProblem[];
  listboxId: string;
  optionId(index: number): string;
  /** Arrows, Enter, Tab and Escape while the menu is open; true when the key was the menu's. */
  onKeyDown(event: KeyboardEvent<HTMLElement>): boolean;
  choose(command: SlashCommand): void;
  /** What the text field needs to name the menu it controls. */
  inputProps: { 'aria-controls': string; 'aria-autocomplete': 'list'; 'aria-activedescendant': string | undefined };
}

/**
 * The `/` menu of a text field: it opens when the text starts with `/` and the name is being
 * typed, lists the target's commands (asked from the host each time it opens, so a command file
 * added meanwhile shows up) filtered as the user types; arrows move, Enter or Tab take the
 * command (the text becomes `/name ` for its arguments), Escape closes it until the text changes.
 */
export function useSlashMenu(text: string, setText: (text: string) => void, target: SlashTarget): SlashMenu {
  const api = useBridge();
  const listboxId = useId();
  const query = menuQuery(text);
  const [commands, setCommands] = useState<{ commands: SlashCommand[]; problems: SlashCommandProblem[] } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const targetKey = 'taskId' in target ? `task:${target.taskId}` : `project:${target.projectId}`;
  const loadedFor = useRef<string | null>(null);
  const wanted = query !== null;

  useEffect(() => {
    if (!wanted) {
      loadedFor.current = null;
      return;
    }
    if (loadedFor.current === targetKey) return;
    loadedFor.current = targetKey;
    let current = true;
    setLoading(true);
    setError(null);
    void api.invoke('slash.list', 'taskId' in target ? { taskId: target.taskId } : { projectId: target.projectId }).then((result) => {
      if (!current) return;
      setLoading(false);
      if (result.ok) setCommands(result.data);
      else setError(result.error.message);
    });
    return () => {
      current = false;
      // Not loaded after all: the next opening asks again.
      if (loadedFor.current === targetKey) loadedFor.current = null;
    };
    // `target` is described by `targetKey`.
  }, [api, targetKey, wanted]);

  useEffect(() => setActive(0), [query]);

  const items = query === null || !commands ? [] : filterCommands(commands.commands, query);
  const open = query !== null && dismissedAt !== text && (items.length > 0 || loading || error !== null);
  const activeIndex = items.length === 0 ? -1 : Math.min(active, items.length - 1);
  const optionId = (index: number) => `${listboxId}-option-${index}`;

  const choose = (command: SlashCommand) => {
    setText(completedText(command));
    setDismissedAt(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): boolean => {
    if (!open) return false;
    if (event.key === 'Escape') {
      // Close only the menu: a dialog around the field stays open.
      event.preventDefault();
      event.stopPropagation();
      setDismissedAt(text);
      return true;
    }
    if (items.length === 0) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + items.length) % items.length);
      return true;
    }
    const plainEnter = event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey;
    if ((plainEnter || (event.key === 'Tab' && !event.shiftKey)) && activeIndex >= 0) {
      event.preventDefault();
      choose(items[activeIndex]!);
      return true;
    }
    return false;
  };

  return {
    open,
    items,
    activeIndex,
    loading,
    error,
    problems: commands?.problems ?? [],
    listboxId,
    optionId,
    onKeyDown,
    choose,
    inputProps: { 'aria-controls': listboxId, 'aria-autocomplete': 'list', 'aria-activedescendant': open && activeIndex >= 0 ? optionId(activeIndex) : undefined },
  };
}
