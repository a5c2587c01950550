import { defaultQueueSettings, fail, ok, queueSettingsSchema, type QueueSettings, type Result } from '../../../src-shared/contract';
import type { Store } from '../store/store';

export interface QueueSettingsStore {
  /** The project's settings; defaults for what was never set (or no longer reads). */
  get(projectId: string): QueueSettings;
  /** Changes the given fields; `NOT_FOUND` for a project Braid does not have. */
  set(projectId: string, changes: Partial<QueueSettings>): Result<QueueSettings>;
}

const settingKey = (projectId: string) => `project:${projectId}:queue`;

/** A project's merge queue settings (gate command and timeout, speculative depth, review gate), in `project:<id>:queue`. */
export function createQueueSettings(store: Pick<Store, 'settings' | 'projects'>): QueueSettingsStore {
  const get = (projectId: string): QueueSettings => {
    const stored = queueSettingsSchema.partial().safeParse(store.settings.get(settingKey(projectId)) ?? {});
    return { ...defaultQueueSettings, ...(stored.success ? stored.data : {}) };
  };
  return {
    get,
    set(projectId, changes) {
      if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      const merged = queueSettingsSchema.safeParse({ ...get(projectId), ...changes });
      if (!merged.success) return fail('INVALID_INPUT', merged.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      store.settings.set(settingKey(projectId), merged.data);
      return ok(merged.data);
    },
  };
}
