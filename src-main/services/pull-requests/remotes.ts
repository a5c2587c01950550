import { runGit } from '../git/run-git';

export interface Remote {
  name: string;
  /** Where it pushes (`remote.<name>.pushurl`, else its url). */
  url: string;
}

/** The repository's remotes, in git's order. */
export async function listRemotes(repo: string): Promise<Remote[]> {
  const result = await runGit(repo, ['remote', '-v'], { readOnly: true });
  if (result.code !== 0) return [];
  const remotes = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const match = /^(\S+)\t(.+) \((fetch|push)\)$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    // The push URL is the one that matters here; fetch comes first, push overrides it.
    if (match[3] === 'push' || !remotes.has(match[1])) remotes.set(match[1], match[2]);
  }
  return [...remotes].map(([name, url]) => ({ name, url }));
}

/** `origin` when there is one, else the first. */
export function defaultRemote(remotes: readonly Remote[]): string | null {
  return remotes.find((remote) => remote.name === 'origin')?.name ?? remotes[0]?.name ?? null;
}

/**
 * The `[HOST/]OWNER/REPO` gh's `--repo` takes, from a remote URL that names one
 * (`https://github.com/o/r.git`, `git@github.com:o/r.git`, `ssh://git@host/o/r`); null for
 * anything else (a path, a bare repository on disk), where gh works out the repository itself.
 */
export function ghRepositoryOf(url: string): string | null {
  const scp = /^[\w.-]+@([\w.-]+):([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  const standard = /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  const match = scp ?? standard;
  if (!match) return null;
  const [, host, owner, name] = match;
  return host === 'github.com' ? `${owner}/${name}` : `${host}/${owner}/${name}`;
}
