import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { assertInsideRoot } from './path-guard';

function setup() {
  const base = tempFolder();
  const root = join(base, 'worktrees');
  const outside = join(base, 'precious');
  mkdirSync(join(root, 'proj', 'task'), { recursive: true });
  mkdirSync(outside);
  return { base, root, outside };
}

const codeOf = (result: ReturnType<typeof assertInsideRoot>) => (result.ok ? 'ok' : result.error.code);

describe('assertInsideRoot', () => {
  it('accepts a folder inside the root, existing or not', () => {
    const { root } = setup();
    expect(assertInsideRoot(root, join(root, 'proj', 'task'))).toEqual({ ok: true, data: join(root, 'proj', 'task') });
    expect(codeOf(assertInsideRoot(root, join(root, 'proj', 'not-yet')))).toBe('ok');
  });

  it.each([
    ['the root itself', (s: ReturnType<typeof setup>) => s.root],
    ['the root with a trailing slash', (s: ReturnType<typeof setup>) => `${s.root}/`],
    ['a folder outside', (s: ReturnType<typeof setup>) => s.outside],
    ['the filesystem root', () => '/'],
    ['a sibling sharing the root’s name as a prefix', (s: ReturnType<typeof setup>) => `${s.root}-evil/x`],
    ['a path climbing out with ..', (s: ReturnType<typeof setup>) => join(s.root, 'proj') + '/../../precious'],
    ['a path with .. that stays inside', (s: ReturnType<typeof setup>) => `${s.root}/proj/../proj/task`],
    ['a relative path', () => 'proj/task'],
    ['an empty path', () => ''],
  ])('refuses %s', (_name, target) => {
    const s = setup();
    expect(codeOf(assertInsideRoot(s.root, target(s)))).toBe('PATH_OUTSIDE_ROOT');
  });

  it('refuses a symlink inside the root that points outside, and paths through it', () => {
    const { root, outside } = setup();
    symlinkSync(outside, join(root, 'proj', 'escape'));
    expect(codeOf(assertInsideRoot(root, join(root, 'proj', 'escape')))).toBe('PATH_OUTSIDE_ROOT');
    expect(codeOf(assertInsideRoot(root, join(root, 'proj', 'escape', 'inner')))).toBe('PATH_OUTSIDE_ROOT');
  });

  it('refuses a path outside the root that a symlink makes look inside', () => {
    const { base, root } = setup();
    symlinkSync(join(root, 'proj'), join(base, 'looks-inside'));
    expect(codeOf(assertInsideRoot(root, join(base, 'looks-inside', 'task')))).toBe('PATH_OUTSIDE_ROOT');
  });

  it('accepts paths when the root itself is reached through a symlink', () => {
    const { base, root } = setup();
    const alias = join(base, 'alias');
    symlinkSync(root, alias);
    expect(codeOf(assertInsideRoot(alias, join(alias, 'proj', 'task')))).toBe('ok');
    expect(codeOf(assertInsideRoot(alias, join(root, 'proj', 'task')))).toBe('ok');
  });

  it('refuses everything when the root does not exist', () => {
    const { base } = setup();
    expect(codeOf(assertInsideRoot(join(base, 'gone'), join(base, 'gone', 'x')))).toBe('PATH_OUTSIDE_ROOT');
  });
});
