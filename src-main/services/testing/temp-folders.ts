import { rmSync } from 'node:fs';
import { onTestFinished } from 'vitest';
import { makeTempDir } from '../../testing/git-fixtures';

/**
 * A fresh folder (real path) removed when the current test finishes: Vitest's clean-up on
 * top of the one git test helper (src-main/testing/git-fixtures.ts: `git`, `createRepo`,
 * `commitAll`, `writeFiles`, `makeTempDir`), which stays free of any test runner so e2e and
 * the benchmark use it too.
 */
export function tempFolder(prefix = 'braid-test-'): string {
  const dir = makeTempDir(prefix);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
