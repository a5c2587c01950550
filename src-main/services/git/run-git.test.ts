import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { runGit, summariseGitError } from './run-git';

describe('runGit', () => {
  it('passes arguments verbatim, with no shell to interpret them', async () => {
    const dir = tempFolder();
    await runGit(dir, ['init', '--quiet']);
    const result = await runGit(dir, ['config', 'braid.test', '$(touch pwned); `id` && echo hi']);
    expect(result.code).toBe(0);
    const read = await runGit(dir, ['config', '--get', 'braid.test']);
    expect(read.stdout.trim()).toBe('$(touch pwned); `id` && echo hi');
  });

  it('reports a failing command as a value with git’s message', async () => {
    const dir = tempFolder();
    const result = await runGit(dir, ['rev-parse', '--show-toplevel']);
    expect(result.code).not.toBe(0);
    expect(summariseGitError(result.stderr)).toMatch(/not a git repository/);
  });

  it('commits for a user who configured no e-mail (fresh machine), and keeps a configured one', async () => {
    const dir = tempFolder();
    // No global or system config: as on a fresh machine where `git config user.email` never ran.
    const bare = { GIT_CONFIG_GLOBAL: join(dir, 'no-global-config'), GIT_CONFIG_NOSYSTEM: '1' };
    await runGit(dir, ['init', '--quiet'], { env: bare });
    const tree = (await runGit(dir, ['write-tree'], { env: bare })).stdout.trim();
    const commit = await runGit(dir, ['commit-tree', tree, '-m', 'first'], { env: bare });
    expect(commit.stderr).toBe('');
    expect(commit.code).toBe(0);
    const ident = await runGit(dir, ['var', 'GIT_COMMITTER_IDENT'], { env: bare });
    expect(ident.stdout).toMatch(process.env.EMAIL ? `<${process.env.EMAIL}>` : /@localhost> /);

    await runGit(dir, ['config', 'user.email', 'dev@example.com'], { env: bare });
    const configured = await runGit(dir, ['var', 'GIT_COMMITTER_IDENT'], { env: bare });
    expect(configured.stdout).toContain('<dev@example.com>');
  });

  it('reports a missing working folder instead of throwing', async () => {
    const result = await runGit('/definitely/not/here', ['status']);
    expect(result.code).toBe(-1);
    expect(result.stderr).toContain('/definitely/not/here');
  });
});

describe('summariseGitError', () => {
  it('keeps the fatal/error lines without their prefixes', () => {
    expect(summariseGitError("Preparing worktree\nfatal: a branch named 'x' already exists\n")).toBe("a branch named 'x' already exists");
  });
});
