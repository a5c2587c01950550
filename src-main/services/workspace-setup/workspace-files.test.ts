import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll } from '../../testing/git-fixtures';
import { expectOk, makeServices } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { setupRepo } from './setup.fixture';

const gitignore = '.env\n*.local\nlink-out\nlink-in\nnode_modules/\ncache/\n';

/** A checkout with ignored files next to tracked and untracked ones, and a link leading out of it. */
function checkout(include: string) {
  const outside = tempFolder('braid-outside-');
  writeFileSync(join(outside, 'secret.txt'), 'not yours\n');
  const repo = setupRepo(
    { '.gitignore': gitignore, '.worktreeinclude': include, 'settings.json': '{ "committed": true }\n', 'docs/guide.md': 'guide\n' },
    {
      '.env': 'API_KEY=from-main\n',
      'notes.local': 'ignored, but no pattern names it\n',
      'draft.txt': 'untracked, not ignored\n',
      'node_modules/pkg/index.js': 'module.exports = 1;\n',
      'node_modules/pkg/.env': 'nested\n',
      'cache/big.bin': 'cache\n',
    },
  );
  // The checkout's tracked file differs from the commit: the worktree keeps the commit's.
  writeFileSync(join(repo, 'settings.json'), '{ "committed": false }\n');
  symlinkSync(outside, join(repo, 'link-out'));
  symlinkSync('docs/guide.md', join(repo, 'link-in'));
  return { repo, outside };
}

async function createTaskIn(repo: string, configure?: (services: ReturnType<typeof makeServices>['services'], projectId: string) => void) {
  const world = makeServices();
  const project = expectOk(await world.services.projects.add(repo));
  configure?.(world.services, project.id);
  const created = expectOk(await world.services.tasks.create({ projectId: project.id, title: 'Files', prompt: '', role: 'implement' }));
  const task = await created.settled;
  expect(task.workspace.setup.state).toBe('none');
  const timeline = expectOk(world.services.agents.history(task.id, undefined, 100)).events;
  return { ...world, task, worktree: task.workspace.path, timeline };
}

describe('workspace setup: ignored files brought from the main checkout', () => {
  it('copies the ignored .env the patterns name; a tracked, an untracked or an unnamed file is not brought', async () => {
    const { repo } = checkout('.env\nsettings.json\ndraft.txt\n');
    const { worktree, task, timeline } = await createTaskIn(repo);

    expect(readFileSync(join(worktree, '.env'), 'utf8')).toBe('API_KEY=from-main\n');
    expect(readFileSync(join(worktree, 'settings.json'), 'utf8')).toBe('{ "committed": true }\n');
    expect(existsSync(join(worktree, 'draft.txt'))).toBe(false);
    expect(existsSync(join(worktree, 'notes.local'))).toBe(false);
    // `.env` without a slash matches at any depth: the one inside node_modules is ignored too, so it comes along.
    expect(readFileSync(join(worktree, 'node_modules/pkg/.env'), 'utf8')).toBe('nested\n');
    expect(existsSync(join(worktree, 'node_modules/pkg/index.js'))).toBe(false);
    expect(task.workspace.setup.files).toEqual({ copied: 2, skipped: 0 });
    expect(timeline.find((event) => event.kind === 'workspace_files')).toMatchObject({ mode: 'copy', copied: ['.env', 'node_modules/pkg/.env'], skipped: [] });
    // Copied, not linked: changing one does not change the other.
    expect(statSync(join(worktree, '.env')).ino).not.toBe(statSync(join(repo, '.env')).ino);
  });

  it('never follows a symbolic link out of the repository, and recreates one that stays inside', async () => {
    const { repo } = checkout('link-out\nlink-in\n');
    const { worktree, task, timeline } = await createTaskIn(repo);

    expect(lstatSync(join(worktree, 'link-out'), { throwIfNoEntry: false })).toBeUndefined();
    expect(existsSync(join(worktree, 'secret.txt'))).toBe(false);
    expect(readlinkSync(join(worktree, 'link-in'))).toBe('docs/guide.md');
    expect(readFileSync(join(worktree, 'link-in'), 'utf8')).toBe('guide\n');
    expect(task.workspace.setup.files).toEqual({ copied: 1, skipped: 1 });
    const files = timeline.find((event) => event.kind === 'workspace_files');
    expect(files?.kind === 'workspace_files' && files.skipped).toEqual([
      { path: 'link-out', reason: expect.stringMatching(/^it is a symbolic link to an absolute path \(.+\), which is not followed$/) },
    ]);
  });

  it('a relative link that climbs out of the repository is not followed either', async () => {
    const { repo } = checkout('link-out\n');
    writeFileSync(join(repo, '..', 'sibling.txt'), 'beside the repository\n');
    rmSync(join(repo, 'link-out'));
    symlinkSync('../sibling.txt', join(repo, 'link-out'));
    const { worktree, timeline } = await createTaskIn(repo);

    expect(lstatSync(join(worktree, 'link-out'), { throwIfNoEntry: false })).toBeUndefined();
    const files = timeline.find((event) => event.kind === 'workspace_files');
    expect(files?.kind === 'workspace_files' && files.skipped[0]?.reason).toBe('it is a symbolic link leading out of the repository (../sibling.txt), which is not followed');
  });

  it('never writes through a link in the worktree: a committed folder link there keeps the file out', async () => {
    const outside = tempFolder('braid-outside-');
    const repo = setupRepo({ '.gitignore': 'conf/.env\n', '.worktreeinclude': 'conf/.env\n' });
    // Committed, `conf` is a link to a folder outside; in the checkout it is a real folder with an ignored file.
    symlinkSync(outside, join(repo, 'conf'));
    commitAll(repo, 'conf as a link');
    rmSync(join(repo, 'conf'));
    mkdirSync(join(repo, 'conf'));
    writeFileSync(join(repo, 'conf/.env'), 'secret\n');
    const { worktree, timeline } = await createTaskIn(repo);

    expect(lstatSync(join(worktree, 'conf')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(outside, '.env'))).toBe(false);
    const files = timeline.find((event) => event.kind === 'workspace_files');
    expect(files?.kind === 'workspace_files' && files.skipped).toEqual([{ path: 'conf/.env', reason: 'Refused path "conf/.env": the symbolic link "conf" on the way points outside the workspace.' }]);
  });

  it('brings a matched ignored folder whole, and leaves unnamed ignored folders alone', async () => {
    const { repo } = checkout('node_modules/\n');
    const { worktree, timeline } = await createTaskIn(repo);

    expect(readFileSync(join(worktree, 'node_modules/pkg/index.js'), 'utf8')).toBe('module.exports = 1;\n');
    expect(existsSync(join(worktree, 'cache'))).toBe(false);
    expect(timeline.find((event) => event.kind === 'workspace_files')).toMatchObject({ copied: ['node_modules/'], more: 0 });
  });

  it('hard-links files when the project says so', async () => {
    const { repo } = checkout('.env\n');
    const { worktree } = await createTaskIn(repo, (services, projectId) => expectOk(services.workspaceSetup.setLinkMode(projectId, 'hardlink')));
    expect(statSync(join(worktree, '.env')).ino).toBe(statSync(join(repo, '.env')).ino);
  });

  it('symlinks a matched folder to the checkout’s when the project says so', async () => {
    const { repo } = checkout('node_modules/\n');
    const { worktree } = await createTaskIn(repo, (services, projectId) => expectOk(services.workspaceSetup.setLinkMode(projectId, 'symlink')));
    expect(readlinkSync(join(worktree, 'node_modules'))).toBe(join(repo, 'node_modules'));
  });
});

