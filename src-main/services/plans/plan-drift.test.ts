import { describe, expect, it } from 'vitest';
import { pathMatcher } from '../paths/path-matcher';
import { unplannedPaths } from './plan-drift';

describe('a plan step’s files entry', () => {
  it.each([
    // entry, path, named?
    ['src/nav.ts', 'src/nav.ts', true],
    ['src/nav.ts', 'src/nav.tsx', false],
    ['src/nav.ts', 'lib/src/nav.ts', false],
    ['./src/nav.ts', 'src/nav.ts', true],
    ['/src/nav.ts', 'src/nav.ts', true],
    ['src/menu/', 'src/menu/drawer.ts', true],
    ['src/menu/', 'src/menu/deep/item.ts', true],
    ['src/menu', 'src/menu/drawer.ts', true],
    ['src/menu', 'src/menu', true],
    ['src/menu', 'src/menubar.ts', false],
    ['src/menu/', 'src/menubar.ts', false],
    ['src/menu/', 'src/menu', true],
    ['src/*.ts', 'src/nav.ts', true],
    ['src/*.ts', 'src/menu/drawer.ts', false],
    ['src/**/*.ts', 'src/menu/drawer.ts', true],
    ['src/menu/**', 'src/menu/deep/item.ts', true],
    ['*.md', 'docs/guide/intro.md', true],
    ['*.md', 'README.md', true],
    ['*.md', 'src/nav.ts', false],
    ['src/{nav,menu}.ts', 'src/menu.ts', true],
    ['src/**', 'src/.env', true],
    ['', 'src/nav.ts', false],
    ['.', 'src/nav.ts', false],
  ])('%s names %s: %s', (entry, path, named) => {
    expect(pathMatcher(entry)(path)).toBe(named);
  });
});

describe('unplanned changes of an implement task', () => {
  const steps = [
    { id: 'S1', files: ['src/nav.ts'] },
    { id: 'S2', files: ['src/menu/'] },
    { id: 'S3', files: ['src/**/*.test.ts', 'src/nav.ts'] },
    { id: 'S4', files: [] },
  ];

  it.each([
    // pinned steps, changed files, unplanned (with the other steps naming each)
    [['S1'], ['src/nav.ts'], []],
    [['S1'], ['src/nav.ts', 'package.json'], [{ path: 'package.json', otherSteps: [] }]],
    [['S1'], ['src/menu/drawer.ts'], [{ path: 'src/menu/drawer.ts', otherSteps: ['S2'] }]],
    [['S2'], ['src/menu/drawer.ts', 'src/nav.ts'], [{ path: 'src/nav.ts', otherSteps: ['S1', 'S3'] }]],
    [['S1', 'S2'], ['src/menu/drawer.ts', 'src/nav.ts'], []],
    [['S2'], ['src/menu/drawer.test.ts'], []],
    [['S1'], ['src/menu/drawer.test.ts'], [{ path: 'src/menu/drawer.test.ts', otherSteps: ['S2', 'S3'] }]],
    [['S4'], ['src/nav.ts', 'src/nav.ts'], [{ path: 'src/nav.ts', otherSteps: ['S1', 'S3'] }]],
    [['S1'], [], []],
  ])('pinned %j, changed %j → %j', (pinned, changed, unplanned) => {
    expect(unplannedPaths(changed, steps, pinned)).toEqual(unplanned);
  });
});
