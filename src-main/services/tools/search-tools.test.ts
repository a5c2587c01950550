import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFiles } from '../../testing/git-fixtures';
import { openWorkspace } from '../testing/tool-server-fixture';

const project = {
  '.gitignore': 'dist/\n*.log\n',
  'README.md': '# Demo\nTODO: write docs\n',
  'src/app.ts': 'export const todo = 1;\n// TODO: refactor\n',
  'src/view.tsx': 'export function View() {}\n',
  'src/deep/util.ts': 'export const TODO_LIST = [];\n',
  '.github/workflows/ci.yml': 'name: ci # TODO\n',
  'old.ts': 'deleted soon\n',
};

/** The committed project plus an untracked file, ignored build output and a deleted file. */
async function searchableWorkspace() {
  const workspace = await openWorkspace({ files: project });
  writeFiles(workspace.root, {
    'src/new.ts': '// TODO: untracked but visible\n',
    'dist/bundle.ts': '// TODO: ignored build output\n',
    'debug.log': 'TODO: ignored log\n',
  });
  rmSync(join(workspace.root, 'old.ts'));
  return workspace;
}

describe('glob', () => {
  it('matches tracked and untracked files, sorted, and leaves out ignored and deleted ones', async () => {
    const { call } = await searchableWorkspace();
    expect((await call('glob', { pattern: '**/*.ts' })).text.split('\n')).toEqual([
      'src/app.ts',
      'src/deep/util.ts',
      'src/new.ts',
    ]);
  });

  it('matches bare names at any depth, braces, dotfolders, and searches under a path', async () => {
    const { call } = await searchableWorkspace();
    expect((await call('glob', { pattern: '*.{ts,tsx}' })).text.split('\n')).toEqual([
      'src/app.ts',
      'src/deep/util.ts',
      'src/new.ts',
      'src/view.tsx',
    ]);
    expect((await call('glob', { pattern: '**/*.yml' })).text).toBe('.github/workflows/ci.yml');
    expect((await call('glob', { pattern: '*.ts', path: 'src/deep' })).text).toBe('src/deep/util.ts');
  });

  it('says when nothing matches and refuses folders outside', async () => {
    const { call } = await searchableWorkspace();
    expect(await call('glob', { pattern: '**/*.rs' })).toEqual({ isError: false, text: 'No files match "**/*.rs".' });
    expect((await call('glob', { pattern: '*', path: '..' })).isError).toBe(true);
    expect((await call('glob', { pattern: '*', path: 'README.md' })).text).toContain('is not a folder');
  });
});

describe('grep', () => {
  it('finds lines as path:line: text in tracked and untracked files, never in ignored ones', async () => {
    const { call } = await searchableWorkspace();
    const reply = await call('grep', { pattern: 'TODO:' });
    expect(reply.isError).toBe(false);
    expect(reply.text.split('\n').sort()).toEqual([
      'README.md:2: TODO: write docs',
      'src/app.ts:2: // TODO: refactor',
      'src/new.ts:1: // TODO: untracked but visible',
    ]);
  });

  it('honours ignore_case, path, glob and max_results', async () => {
    const { call } = await searchableWorkspace();
    const caseless = await call('grep', { pattern: 'todo\\b', ignore_case: true, path: 'src' });
    expect(caseless.text.split('\n').sort()).toEqual([
      'src/app.ts:1: export const todo = 1;',
      'src/app.ts:2: // TODO: refactor',
      'src/new.ts:1: // TODO: untracked but visible',
    ]);
    const globbed = await call('grep', { pattern: 'TODO', glob: '*.yml' });
    expect(globbed.text).toBe('.github/workflows/ci.yml:1: name: ci # TODO');
    const capped = await call('grep', { pattern: 'TODO', max_results: 2 });
    expect(capped.text.split('\n').filter((line) => /^\S+:\d+: /.test(line))).toHaveLength(2);
    expect(capped.text).toContain('[stopped after 2 matches');
  });

  it('searches a single file given as path', async () => {
    const { call } = await searchableWorkspace();
    expect((await call('grep', { pattern: 'export', path: 'src/view.tsx' })).text).toBe('src/view.tsx:1: export function View() {}');
  });

  it('reports no matches, bad patterns and paths outside', async () => {
    const { call } = await searchableWorkspace();
    expect((await call('grep', { pattern: 'no such text anywhere' })).text).toBe('No matches for "no such text anywhere".');
    const invalid = await call('grep', { pattern: '(unclosed' });
    expect(invalid.isError).toBe(true);
    expect(invalid.text).toMatch(/^grep failed: /);
    expect((await call('grep', { pattern: 'root', path: '/etc' })).isError).toBe(true);
  });
});
