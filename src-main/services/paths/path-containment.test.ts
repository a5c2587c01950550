import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInsideOrEqual, isStrictlyInside } from './path-containment';

const root = resolve('/work/tree');

describe('path containment', () => {
  it.each([
    ['a file below the root', join(root, 'src', 'a.ts'), true, true],
    ['a name starting with two dots', join(root, '..hidden'), true, true],
    ['the root itself', root, true, false],
    ['the root with a trailing separator', `${root}/`, true, false],
    ['the parent', resolve(root, '..'), false, false],
    ['a way out through ..', join(root, '..', 'other'), false, false],
    ['a sibling sharing the root’s name as a prefix', `${root}-evil`, false, false],
    ['the filesystem root', resolve('/'), false, false],
  ])('%s', (_name, candidate, insideOrEqual, strictlyInside) => {
    expect(isInsideOrEqual(root, candidate)).toBe(insideOrEqual);
    expect(isStrictlyInside(root, candidate)).toBe(strictlyInside);
  });
});
