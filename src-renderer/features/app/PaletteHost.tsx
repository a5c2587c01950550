import { useEffect, useState } from 'react';
import type { Editor } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { CommandPalette, ShortcutsSheet, usePaletteKeys, usePaletteStore, type PaletteAction } from '../palette';
import { paletteActions } from './palette-actions';
import { shortcutGroups } from './shortcut-groups';

/**
 * The command palette (Ctrl/Cmd+K) and the shortcuts sheet (?). Actions are built when the
 * palette opens, from the stores and the editors found on PATH at that moment.
 */
export function PaletteHost() {
  usePaletteKeys();
  const api = useBridge();
  const open = usePaletteStore((s) => s.open);
  const close = usePaletteStore((s) => s.close);
  const [actions, setActions] = useState<PaletteAction[] | null>(null);

  useEffect(() => {
    if (open !== 'palette') {
      setActions(null);
      return;
    }
    let current = true;
    // Shown at once without editors; they join when the host answers.
    setActions(paletteActions(api, []));
    void api.invoke('editors.list', {}).then((result) => {
      const editors: Editor[] = result.ok ? result.data.editors : [];
      if (current && editors.length > 0) setActions(paletteActions(api, editors));
    });
    return () => {
      current = false;
    };
  }, [open, api]);

  if (open === 'shortcuts') return <ShortcutsSheet groups={shortcutGroups()} onClose={close} />;
  if (open === 'palette' && actions) return <CommandPalette actions={actions} onClose={close} />;
  return null;
}
