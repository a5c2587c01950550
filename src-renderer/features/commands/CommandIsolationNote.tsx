import { useCommandsStore } from './commands-store';
import { isolationText } from './service-text';
import './services.css';

/** How agent commands are isolated on this machine; a warning when they are not. */
export function CommandIsolationNote() {
  const isolation = useCommandsStore((s) => s.isolation);
  if (!isolation) return null;
  return (
    <span className={isolation.pidNamespace ? 'app-info__isolation' : 'app-info__isolation app-info__isolation--missing'} role={isolation.pidNamespace ? undefined : 'note'}>
      {isolationText(isolation)}
    </span>
  );
}
