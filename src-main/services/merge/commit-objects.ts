import { gitBytes, gitText } from '../git/git-step';

export interface CommitIdentity {
  name: string;
  email: string;
  /** Git's raw date: `<unix seconds> <+zone>`. */
  date: string;
}

export interface CommitSpec {
  tree: string;
  parents: readonly string[];
  message: string;
  /** Keeps the original author when replaying a commit; the user's config otherwise. */
  author?: CommitIdentity;
  /** Only for internal commits nobody sees (fixed identity and date make them repeatable). */
  committer?: CommitIdentity;
}

/** Writes a commit object (no ref moves) and returns its id. The message goes through stdin verbatim. */
export function commitTree(cwd: string, spec: CommitSpec): Promise<string> {
  const env: Record<string, string> = {};
  if (spec.author) Object.assign(env, { GIT_AUTHOR_NAME: spec.author.name, GIT_AUTHOR_EMAIL: spec.author.email, GIT_AUTHOR_DATE: spec.author.date });
  if (spec.committer) {
    Object.assign(env, {
      GIT_COMMITTER_NAME: spec.committer.name,
      GIT_COMMITTER_EMAIL: spec.committer.email,
      GIT_COMMITTER_DATE: spec.committer.date,
    });
  }
  const parents = spec.parents.flatMap((parent) => ['-p', parent]);
  return gitText(cwd, ['commit-tree', ...parents, spec.tree], { input: spec.message, env });
}

/** Identity and fixed date for scratch commits that only exist to ask merge-tree a question. */
export const scratchIdentity: CommitIdentity = { name: 'Braid', email: 'braid@localhost', date: '1700000000 +0000' };

/** A scratch commit: deterministic, so asking the same question twice writes no new object. */
export const scratchCommit = (cwd: string, tree: string, parents: readonly string[]): Promise<string> =>
  commitTree(cwd, { tree, parents, message: 'braid scratch\n', author: scratchIdentity, committer: scratchIdentity });

export interface CommitDetails {
  sha: string;
  tree: string;
  parents: string[];
  author: CommitIdentity;
  /** The message exactly as stored. */
  message: string;
}

export async function readCommit(cwd: string, sha: string): Promise<CommitDetails> {
  const raw = (await gitBytes(cwd, ['cat-file', 'commit', sha])).toString('utf8');
  const split = raw.indexOf('\n\n');
  const header = split === -1 ? raw : raw.slice(0, split);
  const message = split === -1 ? '' : raw.slice(split + 2);
  const lines = header.split('\n');
  const tree = lines.find((line) => line.startsWith('tree '))?.slice(5) ?? '';
  const parents = lines.filter((line) => line.startsWith('parent ')).map((line) => line.slice(7));
  const authorLine = lines.find((line) => line.startsWith('author ')) ?? '';
  const match = /^author (.*) <(.*)> (\d+ [+-]\d{4})$/.exec(authorLine);
  const author = match ? { name: match[1] ?? '', email: match[2] ?? '', date: match[3] ?? '' } : scratchIdentity;
  return { sha, tree, parents, author, message };
}
