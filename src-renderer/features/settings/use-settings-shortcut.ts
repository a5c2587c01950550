import { useEffect, useRef } from 'react';
import { hasCommandModifier } from '../../ui/shortcut-label';

/** Ctrl/Cmd+, (the usual "preferences" key) calls `open`, unless a dialog already owns the keyboard. */
export function useSettingsShortcut(open: () => void): void {
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== ',' || !hasCommandModifier(event) || event.altKey || event.shiftKey) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      openRef.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
