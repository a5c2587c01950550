import type { BackgroundService as BackgroundServiceInfo, CommandIsolationInfo, EventPayload, Result } from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';
import type { CommandIsolation } from '../sandbox/command-isolation';
import { BackgroundServices, type TaskServices } from './background-services';
import { taskNotFound } from '../workspaces/open-task-workspace';

export interface CommandsServiceOptions {
  isolation: Promise<CommandIsolation>;
  /** Whether a task exists, so requests for unknown tasks get `NOT_FOUND`. */
  taskExists(taskId: string): boolean;
  emit(event: 'commands.servicesChanged', payload: EventPayload<'commands.servicesChanged'>): void;
  /** A task's services stop when its agent is stopped and when the task is removed (deleted or archived). */
  events: DomainEventBus;
  log?: (line: string) => void;
  killGraceMs?: number;
}

export interface CommandsService {
  isolation(): Promise<CommandIsolationInfo>;
  services(taskId: string): Result<BackgroundServiceInfo[]>;
  stopService(taskId: string, serviceId: string): Promise<Result<{ stopped: true }>>;
  /** What one task's tools may do with its services. */
  forTask(taskId: string): TaskServices;
  /** The task is being deleted (its worktree goes next); stopping and removal are followed by themselves. */
  stopTask(taskId: string): Promise<void>;
  /** Braid quits: every service stops. */
  close(): Promise<void>;
}

/**
 * The host's side of agent commands: how they are isolated on this machine (said once in the
 * log when they are not) and the long-lived services agents started, per task.
 */
export function createCommandsService(options: CommandsServiceOptions): CommandsService {
  const services = new BackgroundServices({
    isolation: options.isolation,
    killGraceMs: options.killGraceMs,
    onChange: (taskId, list) => options.emit('commands.servicesChanged', { taskId, services: list }),
  });
  // Stopping a task stops the services its agent started, with everything they started.
  options.events.on('task.changed', ({ task }) => (task.agent.status === 'stopped' ? services.stopTask(task.id) : undefined));
  // The worktree is gone: so are the services that ran in it.
  options.events.on('task.removed', ({ taskId }) => services.stopTask(taskId));
  void options.isolation.then((isolation) => {
    if (isolation.limitation) options.log?.(`[commands] commands are not isolated on this machine: ${isolation.limitation}`);
  });
  const unknownTask = taskNotFound;
  return {
    async isolation() {
      const isolation = await options.isolation;
      return { kind: isolation.kind, pidNamespace: isolation.capabilities.pidNamespace, limitation: isolation.limitation };
    },
    services: (taskId) => (options.taskExists(taskId) ? { ok: true, data: services.list(taskId) } : unknownTask()),
    stopService: async (taskId, serviceId) => (options.taskExists(taskId) ? services.stop(taskId, serviceId) : unknownTask()),
    forTask: (taskId) => services.forTask(taskId),
    stopTask: (taskId) => services.stopTask(taskId),
    close: () => services.close(),
  };
}
