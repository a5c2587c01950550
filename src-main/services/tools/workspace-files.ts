import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit, summariseGitError } from '../git/run-git';

/**
 * The files git would show under `folder`: tracked ones still on disk plus untracked ones
 * not ignored by .gitignore, .git/info/exclude or the global excludes file. Paths are
 * relative to `folder`, with `/` separators. This is the file universe glob and grep search,
 * so build output and node_modules stay out of the model's way.
 */
export async function listWorkspaceFiles(folder: string): Promise<Result<string[]>> {
  const [listed, deleted] = await Promise.all([
    runGit(folder, ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { readOnly: true }),
    runGit(folder, ['ls-files', '--deleted', '-z'], { readOnly: true }),
  ]);
  const failed = listed.code !== 0 ? listed : deleted.code !== 0 ? deleted : undefined;
  if (failed) return fail('GIT_FAILED', `Could not list the workspace files: ${summariseGitError(failed.stderr)}`);
  const gone = new Set(splitNul(deleted.stdout));
  return ok([...new Set(splitNul(listed.stdout))].filter((path) => !gone.has(path)));
}

function splitNul(output: string): string[] {
  return output.split('\0').filter((path) => path !== '');
}
