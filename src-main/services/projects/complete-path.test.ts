import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRepo } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { completePath } from './complete-path';

describe('completePath', () => {
  it('lists matching subfolders, marks repositories, and skips files', async () => {
    const dir = tempFolder();
    createRepo({ path: join(dir, 'code-app') });
    mkdirSync(join(dir, 'code-notes'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'code-file.txt'), 'x');
    symlinkSync(join(dir, 'docs'), join(dir, 'code-link'));
    expect(await completePath(join(dir, 'code'))).toEqual({
      entries: [
        { path: join(dir, 'code-app'), isRepository: true },
        { path: join(dir, 'code-link'), isRepository: false },
        { path: join(dir, 'code-notes'), isRepository: false },
      ],
    });
  });

  it('lists a folder’s contents after a trailing slash, hiding dot folders unless typed', async () => {
    const dir = tempFolder();
    mkdirSync(join(dir, '.hidden'));
    mkdirSync(join(dir, 'shown'));
    expect((await completePath(`${dir}/`)).entries.map((e) => e.path)).toEqual([join(dir, 'shown')]);
    expect((await completePath(`${dir}/.h`)).entries.map((e) => e.path)).toEqual([join(dir, '.hidden')]);
  });

  it('keeps the user’s ~ prefix', async () => {
    const home = tempFolder();
    mkdirSync(join(home, 'projects'));
    expect(await completePath('~/pro', home)).toEqual({ entries: [{ path: '~/projects', isRepository: false }] });
    expect((await completePath('~', home)).entries.map((e) => e.path)).toEqual(['~/projects']);
  });

  it('caps the list at 50 entries', async () => {
    const dir = tempFolder();
    for (let i = 0; i < 60; i++) mkdirSync(join(dir, `d${String(i).padStart(2, '0')}`));
    expect((await completePath(`${dir}/d`)).entries).toHaveLength(50);
  });

  it('returns nothing for a missing or unreadable folder instead of failing', async () => {
    expect(await completePath('/no/such/place/x')).toEqual({ entries: [] });
    const dir = tempFolder();
    writeFileSync(join(dir, 'file'), 'x');
    expect(await completePath(join(dir, 'file', 'x'))).toEqual({ entries: [] });
  });
});
