import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * Where `name` would be found on `PATH`, as a shell finds it: the first folder holding an
 * executable file of that name (on Windows also with the `PATHEXT` endings). A name with a
 * slash is taken as a path and only checked. Undefined when nothing runnable is found.
 */
export function findProgram(name: string, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string | undefined {
  if (name.includes('/') || (platform === 'win32' && name.includes('\\'))) return isAbsolute(name) && isRunnable(name) ? name : undefined;
  const endings = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : [''];
  for (const folder of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!folder) continue;
    for (const ending of endings) {
      const candidate = join(folder, name + ending);
      if (isRunnable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isRunnable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
