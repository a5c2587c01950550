import { useThemeStore, type Theme } from '../../ui/theme';
import { useEffect, useState } from 'react';
import type { Monaco } from './monaco-setup';

let loading: Promise<Monaco> | null = null;

/** One load of Monaco for the whole app (a dynamic import); a failed load may be tried again. */
function loadMonaco(): Promise<Monaco> {
  loading ??= import('./monaco-setup').then(
    (module) => module.monaco,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Monaco once it has loaded (null before), or why it could not. */
export function useMonaco(): { monaco: Monaco | null; loadError: string | null } {
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    loadMonaco().then(
      (loaded) => !cancelled && setMonaco(loaded),
      (error: unknown) => !cancelled && setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return { monaco, loadError };
}

const monacoTheme = (theme: Theme) => (theme === 'dark' ? 'vs-dark' : 'vs');

/** Sets Monaco's theme from Braid's (the user's pick or the OS's) now and whenever it changes; returns the unsubscribe. */
export function followTheme(monaco: Monaco): () => void {
  monaco.editor.setTheme(monacoTheme(useThemeStore.getState().theme));
  return useThemeStore.subscribe((state, previous) => {
    if (state.theme !== previous.theme) monaco.editor.setTheme(monacoTheme(state.theme));
  });
}
