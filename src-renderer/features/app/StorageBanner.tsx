import { useAppStore } from './app-store';

/**
 * The host's database refuses writes (a full disk, another program holding it, a read-only
 * folder): agents keep working and what they produce waits in memory, so the user learns why
 * before it matters, and can free space or close the other program.
 */
export function StorageBanner() {
  const trouble = useAppStore((s) => s.storageTrouble);
  if (!trouble) return null;
  return (
    <div role="alert" className="connection-banner">
      Braid cannot save to its database: {trouble.message}. {trouble.waiting} change{trouble.waiting === 1 ? '' : 's'} wait in memory and are saved as soon as it accepts
      writes again; until then they are lost if Braid stops.
    </div>
  );
}
