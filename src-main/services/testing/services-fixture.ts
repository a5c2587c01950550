import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Project, Result } from '../../../src-shared/contract';
import { createServices, type Services } from '../index';
import { recordingEmit } from './recording-emit';
import { createRepo } from '../../testing/git-fixtures';
import { tempFolder } from './temp-folders';

/**
 * Services over a fresh data folder, closed when the test finishes. `home` is where the user's
 * `~/.claude` files are read (default: an empty temp folder, so the machine's own never count).
 */
export function makeServices(dataDir = tempFolder('braid-data-'), options: { home?: string } = {}) {
  const recorder = recordingEmit();
  const services = createServices({ dataDir, emit: recorder.emit, env: {}, home: options.home ?? tempFolder('braid-home-') });
  onTestFinished(() => services.close());
  return { services, dataDir, worktreesRoot: join(dataDir, 'worktrees'), ...recorder };
}

/** Unwraps an expected success, failing the test with the error otherwise. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** A real repository added as a project. */
export async function addRepository(services: Services, files?: Record<string, string>): Promise<Project & { repo: string }> {
  const repo = createRepo({ path: join(tempFolder('braid-repo-'), 'app'), files: files }).path;
  return { ...expectOk(await services.projects.add(repo)), repo };
}
