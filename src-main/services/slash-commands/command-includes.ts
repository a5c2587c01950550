import { extname } from 'node:path';
import { fail, ok, type Result } from '../../../src-shared/contract';
import { findAtPaths } from '../markdown/at-paths';
import { readTextFile } from '../markdown/text-file';
import { resolveInsideWorkspace } from '../paths/confine-path';

/** One included file is given at most this much (a command is a prompt, not a way to paste a repository). */
export const maxIncludeChars = 100_000;

/**
 * `@path` in a command (its body or its arguments) includes that file of the task's worktree:
 * the reference stays as the path's name and the file's text follows the prompt in a
 * `<file path="…">` block. Confined like every path an agent names: `..`, absolute paths out,
 * `~`, links that lead out and `.git` are refused, and then the command is not sent at all.
 * A missing file with an extension is an error too; a reference without one (`@someone`,
 * `@types/node`) is left as text.
 */
export async function expandIncludes(text: string, worktree: string): Promise<Result<string>> {
  const references = findAtPaths(text);
  if (references.length === 0) return ok(text);
  const files: string[] = [];
  const included = new Set<string>();
  let result = '';
  let from = 0;
  for (const reference of references) {
    const refused = (message: string) => fail('PATH_OUTSIDE_ROOT', `@${reference.path} was not included: ${message}. Nothing was sent.`);
    if (reference.path.startsWith('~')) return refused('"~" is outside the task\'s worktree');
    const located = resolveInsideWorkspace(worktree, reference.path);
    if (!located.ok) {
      return fail(located.error.code, `@${reference.path} was not included: ${located.error.message} Nothing was sent.`, located.error.details);
    }
    const read = await readTextFile(located.data, reference.path);
    if (!read.ok) {
      if (read.reason === 'missing' && extname(reference.path) === '') continue;
      const code = read.reason === 'missing' ? 'PATH_NOT_FOUND' : read.reason === 'not-a-file' ? 'NOT_A_DIRECTORY' : 'FILE_SYSTEM_ERROR';
      const why = read.reason === 'missing' ? `there is no such file in the task's worktree` : read.reason === 'not-a-file' ? 'it is a folder, not a file' : read.message;
      return fail(code, `@${reference.path} was not included: ${why}. Nothing was sent.`);
    }
    result += text.slice(from, reference.start) + reference.path;
    from = reference.end;
    if (included.has(located.data)) continue;
    included.add(located.data);
    const content = read.text.length > maxIncludeChars ? `${read.text.slice(0, maxIncludeChars)}\n[… cut at ${maxIncludeChars.toLocaleString('en')} characters]` : read.text;
    files.push(`<file path="${reference.path}">\n${content.replace(/\n$/, '')}\n</file>`);
  }
  result += text.slice(from);
  return ok(files.length > 0 ? `${result.trimEnd()}\n\n${files.join('\n\n')}` : result);
}
