import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepo, makeTempDir } from '../../testing/git-fixtures';
import { resolveInsideWorkspace } from './confine-path';

/**
 * The layout, all under one temp folder:
 *   main/        the repository (its .git is a folder)
 *   wt/          a linked worktree of it, the workspace root (its .git is a file)
 *   wt-evil/     a sibling sharing the root's name as a prefix, holding a secret
 *   wt/...       symlinks pointing everywhere a hostile agent would like to go
 */
let parent: string;
let root: string;
let evil: string;

beforeAll(() => {
  parent = makeTempDir('braid-confine-');
  const main = createRepo({ parent, files: { 'README.md': '# hi\n', 'src/index.ts': 'export {};\n' } });
  root = join(parent, 'wt');
  main.git('worktree', 'add', '-q', '-b', 'task', root);
  evil = join(parent, 'wt-evil');
  mkdirSync(evil);
  writeFileSync(join(evil, 'secret.txt'), 'secret\n');
  mkdirSync(join(root, 'sub', '.git'), { recursive: true });

  const link = (target: string, name: string) => symlinkSync(target, join(root, name));
  link('/etc', 'etc-link');
  link('/etc/passwd', 'passwd-link');
  link('../wt-evil', 'evil-link');
  link(evil, 'evil-abs');
  link(parent, 'parent-link');
  link(join(evil, 'not-yet.txt'), 'dangling-out');
  link(join(parent, 'missing-dir'), 'dangling-dir-out');
  link('loop-b', 'loop-a');
  link('loop-a', 'loop-b');
  link('chain2', 'chain1');
  link('/etc', 'chain2');
  link('.git', 'git-link');
  link('src', 'inside-link');
  link('src/new.txt', 'dangling-in');
});

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('resolveInsideWorkspace refuses hostile paths', () => {
  const hostile: Array<[string, () => string]> = [
    ['empty string', () => ''],
    ['only whitespace', () => '   '],
    ['plain ..', () => '..'],
    ['parent folder', () => '../outside.txt'],
    ['deep escape', () => '../../../../etc/passwd'],
    ['escape after a real folder', () => 'src/../../wt-evil/secret.txt'],
    ['escape hidden in the middle', () => 'a/b/../../../x'],
    ['absolute path elsewhere', () => '/etc/passwd'],
    ['filesystem root', () => '/'],
    ['sibling with a shared prefix', () => `${root}-evil/secret.txt`],
    ['absolute path climbing out', () => `${root}/../wt-evil/secret.txt`],
    ['symlinked folder to /etc', () => 'etc-link/passwd'],
    ['the symlink to /etc itself', () => 'etc-link'],
    ['file symlink to /etc/passwd', () => 'passwd-link'],
    ['relative symlink to the sibling', () => 'evil-link/secret.txt'],
    ['new file under an absolute symlink out', () => 'evil-abs/new-file.txt'],
    ['symlinked parent folder', () => 'parent-link/wt-evil/secret.txt'],
    ['dangling symlink pointing out', () => 'dangling-out'],
    ['dangling symlink, absolute form', () => `${root}/dangling-out`],
    ['file under a dangling folder link out', () => 'dangling-dir-out/file.txt'],
    ['chain of symlinks out', () => 'chain1/passwd'],
    ['NUL byte', () => 'README.md\0.txt'],
    ['newline', () => 'foo\nbar'],
    ['terminal escape', () => 'foo\u001b[31m'],
    ['DEL character', () => 'foo\u007f'],
    ['home folder', () => '~/.ssh/id_rsa'],
    ["another user's home", () => '~root/.bashrc'],
    ['bare tilde', () => '~'],
    ['Windows drive with backslashes', () => 'C:\\Windows\\system32'],
    ['Windows drive with slashes', () => 'c:/windows/win.ini'],
    ['UNC share', () => '\\\\server\\share\\file'],
    ['UNC share with slashes', () => '//server/share'],
    ['backslash traversal', () => '..\\..\\etc\\passwd'],
    ['mixed backslash traversal', () => 'src\\..\\..\\wt-evil\\secret.txt'],
    ['lone high surrogate', () => '\ud800.txt'],
    ['lone low surrogate', () => 'a\udc00b'],
    ['replacement character from bad UTF-8', () => 'caf\ufffd.txt'],
    ['bidi override', () => 'invoice\u202etxt.exe'],
    ['.git folder of the worktree file', () => '.git'],
    ['git config', () => '.git/config'],
    ['case variant of .git', () => '.GIT/config'],
    ['.git reached through ..', () => 'src/../.git'],
    ['.git with a trailing dot', () => '.git./config'],
    ['.git of a nested repository', () => 'sub/.git/HEAD'],
    ['symlink to .git', () => 'git-link'],
    ['absolute .git', () => `${root}/.git`],
  ];

  it.each(hostile)('%s', (_label, requested) => {
    const result = resolveInsideWorkspace(root, requested());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('PATH_OUTSIDE_ROOT');
      expect(result.error.message).toMatch(/^Refused path .+: .+\.$/s);
    }
  });

  it.each([
    ['symlink loop', () => 'loop-a', 'SYMLINK_LOOP'],
    ['overlong path', () => 'x'.repeat(5000), 'PATH_TOO_LONG'],
  ])('%s, with its own code', (_label, requested, code) => {
    const result = resolveInsideWorkspace(root, requested());
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/^Refused path .+: .+\.$/s) } });
    // A huge path is shortened in the message.
    if (!result.ok) expect(result.error.message.length).toBeLessThan(400);
  });

  it('creates nothing while refusing', () => {
    resolveInsideWorkspace(root, 'dangling-out');
    expect(existsSync(join(evil, 'not-yet.txt'))).toBe(false);
  });

  it('explains the reason in words', () => {
    const messages = ['../x', 'etc-link/passwd', '.git/config', 'a\0b'].map((path) => {
      const result = resolveInsideWorkspace(root, path);
      return result.ok ? '' : result.error.message;
    });
    expect(messages[0]).toContain('".." leads outside the workspace');
    expect(messages[1]).toContain('symbolic link');
    expect(messages[2]).toContain('.git');
    expect(messages[3]).toContain('NUL byte');
  });
});

describe('resolveInsideWorkspace allows ordinary paths', () => {
  const allowed: Array<[string, () => string, () => string]> = [
    ['the root itself', () => '.', () => root],
    ['a tracked file', () => 'src/index.ts', () => join(root, 'src/index.ts')],
    ['a ./ prefix', () => './src/index.ts', () => join(root, 'src/index.ts')],
    ['.. that stays inside', () => 'src/../README.md', () => join(root, 'README.md')],
    ['a new nested file', () => 'new/nested/deep/file.txt', () => join(root, 'new/nested/deep/file.txt')],
    ['a name starting with ..', () => '..foo', () => join(root, '..foo')],
    ['three dots', () => '...', () => join(root, '...')],
    ['a name ending with ..', () => 'foo..', () => join(root, 'foo..')],
    ['.gitignore', () => '.gitignore', () => join(root, '.gitignore')],
    ['.github folder', () => '.github/workflows/ci.yml', () => join(root, '.github/workflows/ci.yml')],
    ['.gitkeep', () => 'empty/.gitkeep', () => join(root, 'empty/.gitkeep')],
    ['Japanese names', () => '日本語/ファイル.txt', () => join(root, '日本語/ファイル.txt')],
    ['emoji (a valid surrogate pair)', () => 'notes-😀.md', () => join(root, 'notes-😀.md')],
    ['spaces', () => 'a b/c d.txt', () => join(root, 'a b/c d.txt')],
    ['percent-encoding is a literal name', () => '%2e%2e/%2e%2e/etc/passwd', () => join(root, '%2e%2e/%2e%2e/etc/passwd')],
    ['fullwidth dots are a literal name', () => '\uff0e\uff0e\uff0fetc', () => join(root, '\uff0e\uff0e\uff0fetc')],
    ['backslashes as separators', () => 'src\\index.ts', () => join(root, 'src/index.ts')],
    ['an absolute path inside', () => `${root}/src/index.ts`, () => join(root, 'src/index.ts')],
    ['a symlink that stays inside', () => 'inside-link/index.ts', () => join(root, 'src/index.ts')],
    ['a dangling symlink that stays inside', () => 'dangling-in', () => join(root, 'src/new.txt')],
    ['a tilde later in the name', () => 'backup~', () => join(root, 'backup~')],
  ];

  it.each(allowed)('%s', (_label, requested, expected) => {
    expect(resolveInsideWorkspace(root, requested())).toEqual({ ok: true, data: expected() });
  });

  it('accepts a root given through a symlink and returns real paths', () => {
    const alias = join(parent, 'alias');
    symlinkSync(root, alias);
    expect(resolveInsideWorkspace(alias, 'src/index.ts')).toEqual({ ok: true, data: join(root, 'src/index.ts') });
    expect(resolveInsideWorkspace(alias, `${alias}/README.md`)).toEqual({ ok: true, data: join(root, 'README.md') });
    expect(resolveInsideWorkspace(alias, `${alias}/../wt-evil/secret.txt`).ok).toBe(false);
  });

  it('refuses everything when the root is gone', () => {
    const result = resolveInsideWorkspace(join(parent, 'no-such-root'), 'README.md');
    expect(result.ok).toBe(false);
  });
});
