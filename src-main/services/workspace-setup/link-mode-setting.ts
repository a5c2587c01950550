import { includeLinkModeSchema, type IncludeLinkMode } from '../../../src-shared/contract';
import type { SettingsStore } from '../store/setting-repository';

const key = (projectId: string) => `project:${projectId}:includeLinkMode`;

/** How a project's ignored files get into new worktrees: copied (the default), hard-linked or symlinked. */
export class LinkModeSetting {
  constructor(private readonly settings: SettingsStore) {}

  get(projectId: string): IncludeLinkMode {
    const parsed = includeLinkModeSchema.safeParse(this.settings.get(key(projectId)));
    return parsed.success ? parsed.data : 'copy';
  }

  set(projectId: string, mode: IncludeLinkMode): void {
    this.settings.set(key(projectId), mode);
  }

  forgetProject(projectId: string): void {
    this.settings.delete(key(projectId));
  }
}
