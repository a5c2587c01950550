import { describe, expect, it } from 'vitest';
import { createRepo } from '../../testing/git-fixtures';
import { parseWorkspaceConfig, readWorkspaceConfigAt } from './workspace-config';

describe('.braid/workspace.json', () => {
  it.each([
    ['setup and test', '{"setup":"npm ci","test":"npm test"}', { config: { setup: 'npm ci', test: 'npm test' }, problem: null }],
    ['only test, trimmed', '{"test":"  make check  "}', { config: { setup: null, test: 'make check' }, problem: null }],
    ['blank and null read as unset', '{"setup":"","test":null}', { config: { setup: null, test: null }, problem: null }],
    ['other fields are left to the workspace setup', '{"test":"t","ports":10,"run":"npm start"}', { config: { setup: null, test: 't' }, problem: null }],
  ])('%s', (_name, text, expected) => {
    expect(parseWorkspaceConfig(text)).toEqual(expected);
  });

  it.each([
    ['not JSON', '{test: npm test}', /is not valid JSON/],
    ['not an object', '["npm test"]', /must hold a JSON object/],
    ['a test that is not a command line', '{"test":["npm","test"]}', /"test" in \.braid\/workspace\.json must be a command line/],
    ['a setup that is not a command line', '{"setup":3}', /"setup" in \.braid\/workspace\.json must be a command line/],
  ])('refuses %s, saying why', (_name, text, problem) => {
    const reading = parseWorkspaceConfig(text);
    expect(reading.config).toBeNull();
    expect(reading.problem).toMatch(problem);
  });

  it('is read from a commit, not from a checkout, and is absent without a problem when the commit has none', async () => {
    const repo = createRepo({ files: { '.braid/workspace.json': '{"test":"npm test"}\n' } });
    const first = repo.head();
    const second = repo.commit({ '.braid/workspace.json': '{"test":"npm run check"}\n' }, 'Change the gate');
    expect(await readWorkspaceConfigAt(repo.path, first)).toEqual({ config: { setup: null, test: 'npm test' }, problem: null });
    expect(await readWorkspaceConfigAt(repo.path, second)).toEqual({ config: { setup: null, test: 'npm run check' }, problem: null });
    const bare = createRepo();
    expect(await readWorkspaceConfigAt(bare.path, bare.head())).toEqual({ config: null, problem: null });
    repo.cleanup();
    bare.cleanup();
  });
});
