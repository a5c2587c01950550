import { realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { isStrictlyInside } from '../paths/path-containment';
import { realpathOfDeepestExisting } from '../paths/real-location';

/**
 * The check every deletion passes first: `target` must lie strictly inside `root`, both as
 * written and after resolving symlinks. Refuses the root itself, relative paths, `..`
 * segments, and anything a symlink (the target or any parent) sends elsewhere. A target
 * that does not exist is judged by its nearest existing parent. Returns the absolute path
 * that is safe to delete.
 */
export function assertInsideRoot(root: string, target: string): Result<string> {
  const refuse = (why: string) => fail('PATH_OUTSIDE_ROOT', `Refusing to touch ${target}: ${why}.`);
  if (!isAbsolute(target)) return refuse('it is not an absolute path');
  if (target.split(/[\\/]+/).includes('..')) return refuse('it contains ".."');

  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return refuse(`the folder it should be inside (${root}) does not exist`);
  }
  const lexical = resolve(target);
  if (!isStrictlyInside(resolve(root), lexical) && !isStrictlyInside(realRoot, lexical)) {
    return refuse(`it is not inside ${root}`);
  }
  const real = realpathOfDeepestExisting(lexical);
  if (!isStrictlyInside(realRoot, real)) return refuse(`it leads outside ${root} through a symbolic link`);
  return ok(lexical);
}
