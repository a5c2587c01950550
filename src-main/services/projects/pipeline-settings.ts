import { defaultPipelineSettings, fail, ok, pipelineSettingsSchema, type PipelineSettings, type Result } from '../../../src-shared/contract';
import { checkEntryName } from '../paths/worktree-entry';
import type { Store } from '../store/store';

export interface PipelineSettingsStore {
  /** The project's settings; defaults for what was never set (or what no longer reads). */
  get(projectId: string): PipelineSettings;
  /** The same for the contract: `NOT_FOUND` for a project Braid does not have. */
  read(projectId: string): Result<PipelineSettings>;
  /** Changes the given fields; `plansDir` must be a plain folder path inside the repository. */
  set(projectId: string, changes: Partial<PipelineSettings>): Result<PipelineSettings>;
}

const settingKey = (projectId: string) => `project:${projectId}:pipeline`;

/**
 * A project's pipeline settings (gates, the check command, where plans are saved), kept in the
 * setting table under `project:<id>:pipeline`.
 */
export function createPipelineSettings(store: Pick<Store, 'settings' | 'projects'>): PipelineSettingsStore {
  const get = (projectId: string): PipelineSettings => {
    const stored = pipelineSettingsSchema.partial().safeParse(store.settings.get(settingKey(projectId)) ?? {});
    return { ...defaultPipelineSettings, ...(stored.success ? stored.data : {}) };
  };
  return {
    get,
    read: (projectId) => (store.projects.get(projectId) ? ok(get(projectId)) : fail('NOT_FOUND', 'That project is not open in Braid.')),
    set(projectId, changes) {
      if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      const merged = pipelineSettingsSchema.safeParse({ ...get(projectId), ...changes });
      if (!merged.success) return fail('INVALID_INPUT', merged.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      const plansDir = merged.data.plansDir.replace(/\/+$/, '');
      const folder = checkEntryName(plansDir);
      if (!folder.ok) return fail('INVALID_INPUT', `plansDir: ${folder.error.message}`);
      const settings = { ...merged.data, plansDir };
      store.settings.set(settingKey(projectId), settings);
      return ok(settings);
    },
  };
}
