import { fail, ok, type BackgroundService as BackgroundServiceInfo, type Result } from '../../../src-shared/contract';
import type { CommandIsolation } from '../sandbox/command-isolation';
import { BackgroundService, type ServiceSpec } from './background-service';

export interface BackgroundServicesOptions {
  /** Detected once per host; the first start waits for it. */
  isolation: Promise<CommandIsolation>;
  /** A task's list changed: a service started, ended, was stopped, or printed more. */
  onChange(taskId: string, services: BackgroundServiceInfo[]): void;
  /** Between SIGTERM and SIGKILL when a service is stopped. Default 2000. */
  killGraceMs?: number;
  /** Output changes are announced at most this often. Default 1000. */
  outputNoticeMs?: number;
  now?: () => number;
}

/** What one task's tools may do with its services. */
export interface TaskServices {
  start(spec: ServiceSpec): Promise<Result<BackgroundService>>;
  list(): BackgroundServiceInfo[];
  get(serviceId: string): BackgroundService | undefined;
  stop(serviceId: string): Promise<Result<{ stopped: true }>>;
}

/** Running at once per task; an agent that wants more is told to stop one first. */
export const maxRunningPerTask = 8;
/** Services that ended by themselves stay listed (with their output) up to this many per task. */
const maxExitedPerTask = 5;

/**
 * The long-lived services agents started on purpose, per task, for the whole host: they
 * outlive the agent's turn (and its tool server), are listed on the task, and are stopped with
 * everything they started when the task is stopped or deleted, or when Braid quits.
 */
export class BackgroundServices {
  private readonly byTask = new Map<string, BackgroundService[]>();
  private readonly noticeTimers = new Map<string, NodeJS.Timeout>();
  /** Being stopped on purpose: they leave the list instead of staying as exited. */
  private readonly stopping = new Set<BackgroundService>();
  private nextNumber = 1;
  private closing = false;

  constructor(private readonly options: BackgroundServicesOptions) {}

  forTask(taskId: string): TaskServices {
    return {
      start: (spec) => this.start(taskId, spec),
      list: () => this.list(taskId),
      get: (serviceId) => this.find(taskId, serviceId),
      stop: (serviceId) => this.stop(taskId, serviceId),
    };
  }

  list(taskId: string): BackgroundServiceInfo[] {
    return (this.byTask.get(taskId) ?? []).map((service) => service.info());
  }

  async start(taskId: string, spec: ServiceSpec): Promise<Result<BackgroundService>> {
    if (this.closing) return fail('BUSY', 'Braid is shutting down; no new services start.');
    const running = (this.byTask.get(taskId) ?? []).filter((service) => service.running);
    if (running.length >= maxRunningPerTask) {
      return fail('BUSY', `This task already runs ${running.length} services (${running.map((service) => service.id).join(', ')}); stop one first.`);
    }
    const isolation = await this.options.isolation;
    if (this.closing) return fail('BUSY', 'Braid is shutting down; no new services start.');
    const service = new BackgroundService(`service-${this.nextNumber++}`, taskId, spec, isolation, {
      now: this.options.now ?? Date.now,
      onOutput: () => this.noticeOutput(taskId),
      onExit: () => this.ended(service),
    });
    this.byTask.set(taskId, [...(this.byTask.get(taskId) ?? []), service]);
    this.changed(taskId);
    return ok(service);
  }

  /** Stops a running service (whole tree); an exited one is taken off the list. */
  async stop(taskId: string, serviceId: string): Promise<Result<{ stopped: true }>> {
    const service = this.find(taskId, serviceId);
    if (!service) return fail('NOT_FOUND', `The task has no service ${serviceId}.`);
    await this.stopOnPurpose(service);
    this.remove(service);
    return ok({ stopped: true });
  }

  /** The task was stopped or is being deleted: every service of it goes, with all it started. */
  async stopTask(taskId: string): Promise<void> {
    const services = this.byTask.get(taskId) ?? [];
    if (services.length === 0) return;
    await Promise.all(services.map((service) => this.stopOnPurpose(service)));
    this.byTask.delete(taskId);
    this.clearNotice(taskId);
    this.options.onChange(taskId, []);
  }

  /** Braid quits: every service of every task is stopped; none start after this. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.byTask.keys()].map((taskId) => this.stopTask(taskId)));
  }

  private get graceMs(): number {
    return this.options.killGraceMs ?? 2_000;
  }

  private async stopOnPurpose(service: BackgroundService): Promise<void> {
    this.stopping.add(service);
    try {
      await service.stop(this.graceMs);
    } finally {
      this.stopping.delete(service);
    }
  }

  private find(taskId: string, serviceId: string): BackgroundService | undefined {
    return this.byTask.get(taskId)?.find((service) => service.id === serviceId);
  }

  private ended(service: BackgroundService): void {
    // Stopped on purpose: `stop` takes it off the list. Ended by itself: it stays, as exited,
    // and whatever it left running is stopped (nothing can be, inside a PID namespace).
    if (this.stopping.has(service)) return;
    void service.sweep(this.graceMs);
    const services = this.byTask.get(service.taskId);
    if (!services?.includes(service)) return;
    const exited = services.filter((candidate) => !candidate.running);
    const dropped = new Set(exited.slice(0, Math.max(0, exited.length - maxExitedPerTask)));
    this.byTask.set(service.taskId, services.filter((candidate) => !dropped.has(candidate)));
    this.changed(service.taskId);
  }

  private remove(service: BackgroundService): void {
    const services = this.byTask.get(service.taskId);
    if (!services?.includes(service)) return;
    const left = services.filter((candidate) => candidate !== service);
    if (left.length === 0) this.byTask.delete(service.taskId);
    else this.byTask.set(service.taskId, left);
    this.changed(service.taskId);
  }

  private changed(taskId: string): void {
    this.clearNotice(taskId);
    this.options.onChange(taskId, this.list(taskId));
  }

  /** Output arrives in many small pieces: the list is announced at most once per `outputNoticeMs`. */
  private noticeOutput(taskId: string): void {
    if (this.noticeTimers.has(taskId)) return;
    const timer = setTimeout(() => {
      this.noticeTimers.delete(taskId);
      if (this.byTask.has(taskId)) this.options.onChange(taskId, this.list(taskId));
    }, this.options.outputNoticeMs ?? 1_000);
    timer.unref();
    this.noticeTimers.set(taskId, timer);
  }

  private clearNotice(taskId: string): void {
    clearTimeout(this.noticeTimers.get(taskId));
    this.noticeTimers.delete(taskId);
  }
}
