import type { EventName, EventPayload } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';
import type { Result } from './result';

/**
 * The one object the renderer talks to: exposed by the preload as `window.braid` in the
 * desktop app, and implemented over a WebSocket in web mode.
 */
export interface BraidApi {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Channel names shared by the preload and the main-process IPC transport. */
export const ipcChannels = { invoke: 'braid:invoke', event: 'braid:event' } as const;
