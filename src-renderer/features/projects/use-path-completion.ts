import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

export type PathEntry = MethodOutput<'projects.completePath'>['entries'][number];

const noEntries: PathEntry[] = [];
/** Long enough to skip the keystrokes of a word being typed, short enough to feel live. */
const debounceMs = 150;

/** Folder suggestions for what has been typed so far; answers to input that has since changed are dropped. */
export function usePathCompletion(partial: string, enabled: boolean): PathEntry[] {
  const api = useBridge();
  const [entries, setEntries] = useState<PathEntry[]>(noEntries);

  useEffect(() => {
    if (!enabled || partial.trim() === '') return;
    let current = true;
    const timer = setTimeout(async () => {
      const answer = await api.invoke('projects.completePath', { partial });
      if (current) setEntries(answer.ok ? answer.data.entries : noEntries);
    }, debounceMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, partial, enabled]);

  // While the answer for new input is on its way the previous one stays, so the list does not flicker.
  return enabled && partial.trim() !== '' ? entries : noEntries;
}
