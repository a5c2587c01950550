import { create } from 'zustand';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const storageKey = 'braid.theme';
const darkQuery = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

function storedPreference(): ThemePreference {
  try {
    const value = localStorage.getItem(storageKey);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

const effective = (preference: ThemePreference): Theme => (preference === 'system' ? (darkQuery?.matches ? 'dark' : 'light') : preference);

interface ThemeState {
  preference: ThemePreference;
  /** What is shown: the preference, or the OS's when it is `system`. */
  theme: Theme;
  setPreference(preference: ThemePreference): void;
}

/**
 * Light, dark or the OS's (the default), kept in this browser's storage. `<html data-theme>`
 * carries the effective theme for the stylesheets; Monaco and other canvases follow `theme`.
 */
export const useThemeStore = create<ThemeState>()((set) => ({
  preference: storedPreference(),
  theme: effective(storedPreference()),
  setPreference: (preference) => {
    try {
      if (preference === 'system') localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, preference);
    } catch {
      // Storage refused (private mode): the choice lasts until reload.
    }
    set({ preference, theme: effective(preference) });
  },
}));

/** Applies the theme to `<html>` now and whenever it (or the OS's, under `system`) changes. Call once before the first render. */
export function applyTheme(): void {
  const apply = (theme: Theme) => {
    document.documentElement.dataset.theme = theme;
  };
  apply(useThemeStore.getState().theme);
  useThemeStore.subscribe((state, previous) => {
    if (state.theme !== previous.theme) apply(state.theme);
  });
  darkQuery?.addEventListener('change', () => {
    const { preference } = useThemeStore.getState();
    if (preference === 'system') useThemeStore.setState({ theme: effective('system') });
  });
}

/** Light → dark → system → light: what "Toggle theme" moves to next. */
export function nextThemePreference(preference: ThemePreference): ThemePreference {
  return preference === 'light' ? 'dark' : preference === 'dark' ? 'system' : 'light';
}
