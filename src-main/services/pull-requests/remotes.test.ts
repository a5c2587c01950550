import { describe, expect, it } from 'vitest';
import { defaultRemote, ghRepositoryOf } from './remotes';

describe('remotes for pull requests', () => {
  it.each([
    ['https://github.com/octo/app.git', 'octo/app'],
    ['https://github.com/octo/app', 'octo/app'],
    ['git@github.com:octo/app.git', 'octo/app'],
    ['ssh://git@github.com/octo/app.git', 'octo/app'],
    ['https://user@github.example.com/team/svc.git', 'github.example.com/team/svc'],
    ['ssh://git@ghe.corp:2222/team/svc', 'ghe.corp/team/svc'],
    ['/srv/git/app.git', null],
    ['file:///srv/git/app.git', null],
    ['../sibling', null],
  ])('%s names %s for gh --repo', (url, repository) => {
    expect(ghRepositoryOf(url)).toBe(repository);
  });

  it('prefers origin, else the first remote', () => {
    expect(defaultRemote([{ name: 'upstream', url: 'u' }, { name: 'origin', url: 'o' }])).toBe('origin');
    expect(defaultRemote([{ name: 'fork', url: 'f' }, { name: 'upstream', url: 'u' }])).toBe('fork');
    expect(defaultRemote([])).toBeNull();
  });
});
