import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src-shared/contract';
import { tempFolder } from '../testing/temp-folders';
import { locateWorktreeEntry, WorktreeEntryLocator } from './worktree-entry';
import { readWorktreeEntry, type EntryContent } from './worktree-entry-read';

/**
 *   outside/secret.txt        what a hostile link would like the host to read
 *   root/src/a.ts             an ordinary file
 *   root/out -> outside       a link to a folder outside; root/out-file -> outside/secret.txt
 *   root/inner -> src         a link to a folder inside; root/loop -> loop; root/gone -> nowhere
 *   root/plain.txt            a file where a folder might be expected
 */
let root: string;
let outside: string;

beforeEach(() => {
  outside = tempFolder('braid-entry-outside-');
  writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n');
  root = tempFolder('braid-entry-root-');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'plain.txt'), 'plain\n');
  symlinkSync(outside, join(root, 'out'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'out-file'));
  symlinkSync('src', join(root, 'inner'));
  symlinkSync('loop', join(root, 'loop'));
  symlinkSync('nowhere', join(root, 'gone'));
});

function read(name: string | Buffer): Result<EntryContent> {
  const entry = locateWorktreeEntry(root, name);
  return entry.ok ? readWorktreeEntry(entry.data) : entry;
}

const summary = (result: Result<EntryContent>) => {
  if (!result.ok) return result.error.code;
  const content = result.data;
  if (content.kind === 'file') return `file:${content.content.toString('utf8')}`;
  if (content.kind === 'link') return `link:${content.target.toString('utf8')}`;
  return content.kind;
};

describe('worktree entries', () => {
  it.each([
    ['an ordinary file', 'src/a.ts', 'file:export const a = 1;\n'],
    ['a missing file', 'src/none.ts', 'missing'],
    ['a folder', 'src', 'other'],
    ['a nested repository as git lists it', 'src/', 'other'],
    ['a name below a file', 'plain.txt/x', 'missing'],
    ['a link to a file outside: its target text', 'out-file', 'link:OUTSIDE/secret.txt'],
    ['a link to a folder outside: its target text', 'out', 'link:OUTSIDE'],
    ['a looping link itself', 'loop', 'link:loop'],
    ['below a link to a folder outside', 'out/secret.txt', 'PATH_OUTSIDE_ROOT'],
    ['a new name below a link to a folder outside', 'out/new/file.txt', 'PATH_OUTSIDE_ROOT'],
    ['below a looping link', 'loop/x', 'SYMLINK_LOOP'],
    ['below a link inside: git does not follow it', 'inner/a.ts', 'missing'],
    ['below a dangling link', 'gone/x', 'missing'],
    ['empty', '', 'PATH_OUTSIDE_ROOT'],
    ['absolute', '/etc/passwd', 'PATH_OUTSIDE_ROOT'],
    ['climbing out', 'src/../../x', 'PATH_OUTSIDE_ROOT'],
    ['a dot part', './src/a.ts', 'PATH_OUTSIDE_ROOT'],
    ['an empty part', 'src//a.ts', 'PATH_OUTSIDE_ROOT'],
    ['git’s own files', '.git/config', 'PATH_OUTSIDE_ROOT'],
    ['a nested .git, any case', 'src/.GIT/config', 'PATH_OUTSIDE_ROOT'],
    ['a NUL byte', 'a\0b', 'PATH_OUTSIDE_ROOT'],
    ['over 4096 bytes', 'a/'.repeat(2100), 'PATH_TOO_LONG'],
    ['a name over 255 bytes', `src/${'é'.repeat(128)}`, 'PATH_TOO_LONG'],
    ['too long only once joined to the root', `${'d/'.repeat(2045)}x`, 'PATH_TOO_LONG'],
  ])('%s', (_label, name, expected) => {
    expect(summary(read(name)).replace(outside, 'OUTSIDE')).toBe(expected);
  });

  it('addresses a name that is not UTF-8 by its bytes', () => {
    const name = Buffer.concat([Buffer.from('src/caf'), Buffer.from([0xe9]), Buffer.from('.txt')]);
    writeFileSync(Buffer.concat([Buffer.from(`${root}/`), name]), 'latin-1\n');
    expect(summary(read(name))).toBe('file:latin-1\n');
  });

  it('refuses a read whose folder was swapped for a link after it was located', () => {
    writeFileSync(join(outside, 'a.ts'), 'OUTSIDE COPY\n');
    const entry = new WorktreeEntryLocator(root).locate('src/a.ts');
    if (!entry.ok) throw new Error(entry.error.message);
    rmSync(join(root, 'src'), { recursive: true });
    symlinkSync(outside, join(root, 'src'));
    const swapped = readWorktreeEntry(entry.data);
    expect(summary(swapped)).toBe('PATH_OUTSIDE_ROOT');
    expect(JSON.stringify(swapped)).not.toContain('OUTSIDE COPY');
  });

  it('judges each folder once per locator, and names the link in the refusal', () => {
    const locator = new WorktreeEntryLocator(root);
    expect(locator.locate('out/a').ok).toBe(false);
    const second = locator.locate('out/b');
    expect(second).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT', message: 'Refused path "out/b": the symbolic link "out" on the way points outside the workspace.' } });
  });
});
