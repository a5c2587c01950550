import { useConnectionState } from '../../bridge/bridge-context';
import { AccessTokenRequired } from './AccessTokenRequired';
import { Workbench } from './Workbench';

export function App() {
  const connection = useConnectionState();
  if (connection === 'unauthorized') return <AccessTokenRequired />;
  return <Workbench />;
}
