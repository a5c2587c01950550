import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The kernel's own limit for nested links is 40; a deeper chain is a loop or an attack. */
const maxLinkHops = 40;

/**
 * The real path of `path`: its deepest existing ancestor real-pathed, the missing rest
 * appended, so a path that does not exist yet is judged by the folder it would appear in.
 * A dangling symlink on the way counts as the missing name it is (deleting it removes the link).
 */
export function realpathOfDeepestExisting(path: string): string {
  // Without links to follow there are no hops to count, so the walk always ends in a path.
  return realLocation(path, false, 0) as string;
}

/**
 * Like `realpathOfDeepestExisting`, but a dangling symlink on the way is followed by hand
 * (realpath gives up on it, yet writing through it would create its target), so its
 * destination is judged too. `undefined` means a link chain too long to be honest.
 */
export function realpathFollowingDanglingLinks(path: string): string | undefined {
  return realLocation(path, true, 0);
}

function realLocation(path: string, followDanglingLinks: boolean, hops: number): string | undefined {
  if (hops > maxLinkHops) return undefined;
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const link = followDanglingLinks ? readLinkIfAny(current) : undefined;
      if (link !== undefined) return realLocation(join(resolve(dirname(current), link), ...missing.reverse()), true, hops + 1);
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(basename(current));
      current = parent;
    }
  }
}

function readLinkIfAny(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}
