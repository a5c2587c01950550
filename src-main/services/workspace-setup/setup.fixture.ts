import { join } from 'node:path';
import { vi } from 'vitest';
import type { Task, WorkspaceSetupState } from '../../../src-shared/contract';
import { createRepo, writeFiles } from '../../testing/git-fixtures';
import type { Services } from '../index';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';

/**
 * A real repository for workspace setup: `committed` files in its first commit, then `local`
 * files written to the checkout only (the ignored `.env`, a `node_modules`, a draft).
 */
export function setupRepo(committed: Record<string, string>, local: Record<string, string> = {}): string {
  const repo = createRepo({ path: join(tempFolder('braid-setup-repo-'), 'app'), files: { 'README.md': '# app\n', ...committed } }).path;
  writeFiles(repo, local);
  return repo;
}

/** Waits until the task's setup is in one of `states`. */
export async function waitForSetup(services: Services, task: Pick<Task, 'id' | 'projectId'>, ...states: WorkspaceSetupState[]): Promise<Task> {
  let found: Task | undefined;
  await vi.waitFor(
    () => {
      found = expectOk(services.tasks.list(task.projectId)).find((candidate) => candidate.id === task.id);
      if (!found || !states.includes(found.workspace.setup.state)) {
        throw new Error(`setup is ${found?.workspace.setup.state} (${found?.workspace.setup.reason}), waiting for ${states.join('/')}`);
      }
    },
    { timeout: 15_000, interval: 10 },
  );
  return found!;
}

/** Trusts the project's workspace config as it is now (what the user does after reading it). */
export function trustConfig(services: Services, projectId: string): void {
  const shown = expectOk(services.workspaceSetup.config(projectId));
  if (!shown.contentHash) throw new Error('the project has no workspace config to trust');
  expectOk(services.workspaceSetup.trust(projectId, shown.contentHash));
}
