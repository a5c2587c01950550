import { fail, ok, type Result } from '../../../src-shared/contract';
import { runGitBytes, summariseGitError } from '../git/run-git';
import { maxConfigBytes, refusedConfigFile, type ConfigFiles } from './config-files';

/** What the commit's tree says about one config file. */
type TreeEntry = { kind: 'file'; object: string; size: number } | { kind: 'link' } | { kind: 'not-a-file' };

/**
 * Config files as committed in `commit` (never as any checkout has them): the merge queue reads
 * the target branch's, so an entry cannot change the setup and the gate that judge it. The
 * files named are looked up at once (`ls-tree`) and the ones that exist read (`cat-file`), so
 * reading them afterwards is synchronous, as from a checkout. A link in the tree is refused as
 * in a checkout; a name below a committed link is no file at all (git never follows one).
 */
export async function commitConfigFiles(repo: string, commit: string, names: readonly string[]): Promise<Result<ConfigFiles>> {
  const listed = await runGitBytes(repo, ['ls-tree', '-z', '-l', '--full-tree', commit, '--', ...names], { readOnly: true });
  if (listed.code !== 0) return fail('GIT_FAILED', `Git could not read the workspace config of ${commit.slice(0, 10)}: ${summariseGitError(listed.stderr)}`);
  const entries = new Map<string, TreeEntry>();
  for (const record of listed.stdout.toString('utf8').split('\0')) {
    // `<mode> <type> <object> <size>\t<path>`
    const match = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.*)$/s.exec(record);
    if (!match) continue;
    const [, mode, type, object, size, path] = match as unknown as [string, string, string, string, string, string];
    if (mode === '120000') entries.set(path, { kind: 'link' });
    else if (type === 'blob') entries.set(path, { kind: 'file', object, size: Number(size) });
    else entries.set(path, { kind: 'not-a-file' });
  }
  const contents = new Map<string, Result<Buffer>>();
  for (const [path, entry] of entries) {
    if (entry.kind === 'link') contents.set(path, refusedConfigFile(path, 'link'));
    else if (entry.kind === 'not-a-file') contents.set(path, refusedConfigFile(path, 'not-a-file'));
    else if (entry.size > maxConfigBytes) contents.set(path, refusedConfigFile(path, 'too-large'));
    else {
      const blob = await runGitBytes(repo, ['cat-file', 'blob', entry.object], { readOnly: true });
      if (blob.code !== 0) return fail('GIT_FAILED', `Git could not read ${path} of ${commit.slice(0, 10)}: ${summariseGitError(blob.stderr)}`);
      contents.set(path, ok(blob.stdout));
    }
  }
  return ok({ read: (file) => contents.get(file) ?? ok(null) });
}
