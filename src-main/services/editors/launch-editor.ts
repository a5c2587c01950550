import { spawn } from 'node:child_process';
import { fail, ok, type Result } from '../../../src-shared/contract';

/**
 * Starts an editor on a folder and lets it go: detached in its own process group, no pipes,
 * so it outlives Braid as an editor started from a terminal does. Resolves once the program
 * has started (`spawn`) or could not (`EDITOR_FAILED` with the errno), never waiting for it
 * to exit. Without a shell: the arguments reach the program exactly as given.
 */
export function launchEditor(program: string, args: readonly string[], cwd: string, env: Record<string, string | undefined>): Promise<Result<void>> {
  return new Promise((resolve) => {
    // An Electron editor (VS Code, Cursor) started with this set would run as plain Node.
    const { ELECTRON_RUN_AS_NODE: _asNode, ...environment } = env;
    let child;
    try {
      child = spawn(program, [...args], { cwd, env: environment, detached: true, stdio: 'ignore', windowsHide: false });
    } catch (error) {
      resolve(failure(program, error));
      return;
    }
    child.once('error', (error) => resolve(failure(program, error)));
    child.once('spawn', () => {
      child.unref();
      resolve(ok(undefined));
    });
  });
}

function failure(program: string, error: unknown): Result<never> {
  const errno = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  const why = errno === 'ENOENT' ? 'it, or the interpreter its first line names, was not found' : errno === 'EACCES' ? 'it is not executable' : (error as Error).message;
  return fail('EDITOR_FAILED', `Could not start ${program}: ${why}.`, { errno });
}
