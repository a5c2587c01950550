import { useConnectionState } from '../../bridge/bridge-context';

/** Web mode only: tells the user the host is out of reach instead of letting clicks fail silently. */
export function ConnectionBanner() {
  const connection = useConnectionState();
  if (connection !== 'reconnecting') return null;
  return (
    <div role="status" className="connection-banner">
      Connection to Braid lost — reconnecting… If you restarted <code>npm run web</code>, open the new link it printed.
    </div>
  );
}
