import { stat, realpath } from 'node:fs/promises';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGit } from '../git/run-git';

export interface RepositoryLocation {
  /** Real path of the checkout's top-level folder: what we store as the project path. */
  topLevel: string;
}

/**
 * Checks, in order, that `absolutePath` is an existing folder inside a non-bare repository
 * with at least one commit, and that it is the main checkout rather than a linked worktree.
 * A subfolder resolves to its repository's top level.
 */
export async function inspectRepository(absolutePath: string): Promise<Result<RepositoryLocation>> {
  try {
    const info = await stat(absolutePath);
    if (!info.isDirectory()) return fail('NOT_A_DIRECTORY', `${absolutePath} is a file, not a folder.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return fail('NOT_A_DIRECTORY', `${absolutePath} is not a folder.`);
    if (code === 'EACCES' || code === 'EPERM') return fail('PATH_NOT_FOUND', `${absolutePath} cannot be read (permission denied).`);
    return fail('PATH_NOT_FOUND', `${absolutePath} does not exist.`);
  }

  // rev-parse prints one line per option until one fails; --show-toplevel fails in a bare
  // repository or inside a .git folder, so it goes last.
  const probe = await runGit(absolutePath, [
    'rev-parse',
    '--is-bare-repository',
    '--path-format=absolute',
    '--git-dir',
    '--git-common-dir',
    '--show-toplevel',
  ]);
  const [bare, gitDir, commonDir, topLevel] = probe.stdout.split('\n').map((line) => line.trim());
  if (!bare || !gitDir || !commonDir) {
    return fail('NOT_A_GIT_REPOSITORY', `${absolutePath} is not inside a git repository. Run \`git init\` there first.`);
  }
  if (bare === 'true') return fail('BARE_REPOSITORY', `${absolutePath} is a bare repository: it has no working files to work in.`);
  if (probe.code !== 0 || !topLevel) {
    return fail('NOT_A_GIT_REPOSITORY', `${absolutePath} is inside a repository's .git folder, not its working files.`);
  }
  if ((await realpathOr(gitDir)) !== (await realpathOr(commonDir))) {
    const mainCheckout = commonDir.replace(/[\\/]\.git[\\/]?$/, '');
    return fail(
      'NOT_A_GIT_REPOSITORY',
      `${topLevel} is a linked worktree of another repository (${mainCheckout}). Add that repository instead.`,
      { mainRepository: mainCheckout },
    );
  }

  const head = await runGit(topLevel, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { readOnly: true });
  if (head.code !== 0) {
    return fail('NO_COMMITS', `${topLevel} has no commits yet. Make a first commit, then add it again.`);
  }
  return ok({ topLevel: await realpathOr(topLevel) });
}

async function realpathOr(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}
