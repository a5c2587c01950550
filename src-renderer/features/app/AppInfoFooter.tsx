import { CommandIsolationNote } from '../commands/CommandIsolationNote';
import { useAppStore } from './app-store';

/** Where Braid keeps its data and how it runs, for when something needs checking. */
export function AppInfoFooter() {
  const info = useAppStore((s) => s.info);
  if (!info) return null;
  return (
    <footer className="app-info" aria-label="About this Braid">
      <span>
        Braid {info.version} · {info.mode === 'web' ? 'web mode' : 'desktop'}
      </span>
      <span className="app-info__path" title={info.dataDir}>
        Data: {info.dataDir}
      </span>
      <CommandIsolationNote />
    </footer>
  );
}
