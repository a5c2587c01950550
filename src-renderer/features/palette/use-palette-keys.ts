import { useEffect } from 'react';
import { hasCommandModifier } from '../../ui/shortcut-label';
import { isTypingTarget } from '../../ui/typing-target';
import { usePaletteStore } from './palette-store';

/**
 * Ctrl/Cmd+K opens the palette from anywhere (again: closes it); `?` opens the shortcuts sheet
 * unless the user is typing. Another open dialog keeps the keyboard.
 */
export function usePaletteKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { open, show, close } = usePaletteStore.getState();
      if (event.key.toLowerCase() === 'k' && hasCommandModifier(event) && !event.altKey && !event.shiftKey) {
        if (open === 'palette') {
          event.preventDefault();
          close();
          return;
        }
        if (document.querySelector('dialog[open]')) return;
        event.preventDefault();
        show('palette');
        return;
      }
      if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target)) {
        if (document.querySelector('dialog[open]')) return;
        event.preventDefault();
        show('shortcuts');
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
