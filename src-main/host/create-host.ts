import { platform } from 'node:os';
import type { EventName, Result } from '../../src-shared/contract';
import { createServices, type SecretStore } from '../services';
import { createDispatch } from './dispatch';
import { EventBus } from './event-bus';
import type { DesktopNotifications } from './desktop-notifications';
import { createHandlers } from './handlers/index';

export interface HostOptions {
  dataDir: string;
  mode: 'desktop' | 'web';
  version: string;
  /** Native folder picker; only the desktop shell provides one. */
  pickFolder?: () => Promise<string | null>;
  /** Native notifications and the icon's count; only the desktop shell provides them. */
  notifications?: DesktopNotifications;
  production: boolean;
  worktreesRoot?: string;
  /** The desktop passes a safeStorage-backed store; web mode uses a 0600 file in the data folder. */
  secrets?: SecretStore;
  /** Provider keys and `OPENAI_BASE_URL`/`BRAID_MODEL`; default: the process environment. */
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

export interface HostSubscription {
  /**
   * `all` (default): this listener wants every terminal's output, so it is sent while it
   * listens. `shown`: a transport that passes each connection only the terminals it shows and
   * says which through `watchTerminalOutput` (a `TerminalAudience`).
   */
  terminalOutput?: 'all' | 'shown';
}

export interface Host {
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void, options?: HostSubscription): () => void;
  /** A connection shows this terminal until the returned function is called: its output is sent meanwhile. */
  watchTerminalOutput(terminalId: string): () => void;
  close(): Promise<void>;
}

/**
 * Builds the host around the services: `createServices` (services/index.ts, the composition
 * root) once, the handler table and dispatch over it, and contract events fanned out to every
 * subscribed transport.
 */
export async function createHost(options: HostOptions): Promise<Host> {
  const log = options.log ?? ((line: string) => console.error(line));
  const bus = new EventBus();
  const services = createServices({
    dataDir: options.dataDir,
    worktreesRoot: options.worktreesRoot,
    secrets: options.secrets,
    env: options.env,
    agents: { log },
    emit: (event, payload) => bus.emit(event, payload as never),
    // A terminal nobody is shown keeps its output in the pty host (see `watchTerminalOutput`).
    terminalOutputOnlyWhenViewed: true,
  });
  await services.workspaces.reconcile();

  const handlers = createHandlers({
    services,
    pickFolder: options.pickFolder,
    notifications: options.notifications,
    notificationClicked: (taskId) => bus.emit('app.notificationClicked', { taskId }),
    appInfo: {
      version: options.version,
      mode: options.mode,
      dataDir: options.dataDir,
      platform: platform(),
      canPickFolder: options.pickFolder !== undefined,
    },
  });
  const dispatch = createDispatch(handlers, {
    validateOutput: !options.production,
    onBug: (method, error) => log(`[braid] bug in ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });

  let closed = false;
  return {
    dispatch,
    subscribe: (listener, subscription) => {
      const unsubscribe = bus.subscribe(listener);
      const unwatch = (subscription?.terminalOutput ?? 'all') === 'all' ? services.terminals.watchOutput(null) : () => undefined;
      return () => {
        unsubscribe();
        unwatch();
      };
    },
    watchTerminalOutput: (terminalId) => services.terminals.watchOutput(terminalId),
    close: async () => {
      if (closed) return;
      closed = true;
      await services.close();
    },
  };
}
