import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The executable `program` resolves to through `PATH` (with `PATHEXT` on Windows), as a shell
 * would find it, without running anything; a path with a separator is checked as it is. Null
 * when there is none. Editors (`editors/`) and external agents (`engines/`) are found with it.
 */
export function findOnPath(program: string, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string | null {
  const extensions = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  if (program.includes('/') || (platform === 'win32' && program.includes('\\'))) {
    return isAbsolute(program) && extensions.some((ext) => isExecutableFile(program + ext)) ? program : null;
  }
  for (const folder of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (!folder || !isAbsolute(folder)) continue; // a relative PATH entry would depend on the host's cwd
    for (const ext of extensions) {
      const candidate = join(folder, program + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
