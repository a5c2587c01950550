import { describe, expect, it } from 'vitest';
import { slugify } from './slug';
import { workspaceNames } from './worktree-layout';

describe('slugify', () => {
  it.each([
    ['Rethink navigation', 'rethink-navigation'],
    ['  Fix: the "login" bug!! ', 'fix-the-login-bug'],
    ['Café déjà vu', 'cafe-deja-vu'],
    ['../../etc/passwd', 'etc-passwd'],
    ['日本語', 'task'],
    ['---', 'task'],
    ['a'.repeat(39) + ' bcd', 'a'.repeat(39)],
  ])('%j → %j', (title, slug) => {
    expect(slugify(title, 'task')).toBe(slug);
  });

  it('never exceeds 40 characters', () => {
    expect(slugify('word '.repeat(30), 'task').length).toBeLessThanOrEqual(40);
  });
});

describe('workspaceNames', () => {
  it('puts the slug and short id in both folder and branch', () => {
    expect(workspaceNames('Explore the homepage', 'abc123defg')).toEqual({
      folder: 'explore-the-homepage-abc123',
      branch: 'braid/explore-the-homepage-abc123',
    });
  });
});
