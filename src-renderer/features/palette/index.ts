import './palette.css';
export { CommandPalette } from './CommandPalette';
export { ShortcutsSheet, type ShortcutGroup } from './ShortcutsSheet';
export type { PaletteAction } from './palette-action';
export { usePaletteStore } from './palette-store';
export { usePaletteKeys } from './use-palette-keys';
