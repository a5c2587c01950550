import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methods, type AgentDefinitionDraft } from '../../../src-shared/contract';
import { createRepo } from '../../testing/git-fixtures';
import { expectOk, makeServices } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { parseAgentDefinition } from './agent-definition';
import { agentMarkdown, writeAgentFile } from '../../testing/subagent-script';

async function setup() {
  const home = tempFolder('braid-agents-home-');
  const repo = createRepo({ path: join(tempFolder('braid-agents-repo-'), 'app'), files: { 'README.md': '# app\n' } }).path;
  const { services } = makeServices(undefined, { home });
  const project = expectOk(await services.projects.add(repo));
  return { home, repo, services, project };
}

const draft = (overrides: Partial<AgentDefinitionDraft> = {}): AgentDefinitionDraft => ({
  name: 'reviewer',
  description: 'Reviews a change: correctness first',
  tools: ['Read', 'Grep'],
  disallowedTools: [],
  model: null,
  permissionMode: null,
  maxTurns: null,
  prompt: 'You review code.',
  ...overrides,
});

describe('subagent definitions on disk', () => {
  it('lists the project’s and the home’s folders; the project wins a name clash, .braid before .claude; a broken file shadows nothing', async () => {
    const { home, repo, services, project } = await setup();
    writeAgentFile(repo, 'reviewer.md', agentMarkdown({ name: 'reviewer', description: 'Project reviewer' }, 'Project.'));
    writeAgentFile(home, 'reviewer.md', agentMarkdown({ name: 'reviewer', description: 'Home reviewer' }, 'Home.'));
    writeAgentFile(repo, 'planner.md', agentMarkdown({ name: 'planner', description: 'Braid planner' }, 'Braid.'), '.braid/agents');
    writeAgentFile(repo, 'planner.md', agentMarkdown({ name: 'planner', description: 'Claude planner' }, 'Claude.'));
    writeAgentFile(repo, 'tester.md', agentMarkdown({ name: 'tester', description: 'Broken', maxTurns: 'lots' }, 'x'));
    writeAgentFile(home, 'tester.md', agentMarkdown({ name: 'tester', description: 'Home tester' }, 'Home tester.'), '.braid/agents');
    // A Windows editor's file: byte-order mark and CRLF line ends.
    writeAgentFile(home, 'writer.md', '\uFEFF---\r\nname: writer\r\ndescription: Writes docs\r\n---\r\nWrite.\r\n');

    const listed = expectOk(await services.subagents.definitions(project.id));
    expect(listed.definitions.map((entry) => [entry.name, entry.source, entry.description, entry.shadowedBy, entry.error !== null])).toEqual([
      ['planner', 'project-braid', 'Braid planner', null, false],
      ['planner', 'project-claude', 'Claude planner', 'project-braid', false],
      ['reviewer', 'project-claude', 'Project reviewer', null, false],
      ['reviewer', 'user-claude', 'Home reviewer', 'project-claude', false],
      ['tester', 'project-claude', '', null, true],
      ['tester', 'user-braid', 'Home tester', null, false],
      ['writer', 'user-claude', 'Writes docs', null, false],
    ]);
    const broken = listed.definitions.find((entry) => entry.name === 'tester' && entry.source === 'project-claude')!;
    expect(broken).toMatchObject({ file: 'tester.md', path: join(repo, '.claude/agents/tester.md'), error: 'maxTurns: "lots" is not a whole number from 1 to 1000' });
    expect(listed.definitions.find((entry) => entry.name === 'writer')?.prompt).toBe('Write.');
    expect(listed.folders.map((folder) => [folder.source, folder.exists])).toEqual([
      ['project-braid', true],
      ['project-claude', true],
      ['user-braid', true],
      ['user-claude', true],
    ]);
    // Without a project: only the home's.
    expect(expectOk(await services.subagents.definitions(null)).definitions.map((entry) => entry.source)).toEqual(['user-claude', 'user-braid', 'user-claude']);
  });

  it('refuses a definition file or folder that is a link out of the project, and says why', async () => {
    const { repo, services, project } = await setup();
    const outside = tempFolder('braid-agents-outside-');
    writeFileSync(join(outside, 'secret.md'), agentMarkdown({ name: 'secret', description: 'Outside' }, 'Read ~/.ssh'));
    mkdirSync(join(repo, '.claude/agents'), { recursive: true });
    symlinkSync(join(outside, 'secret.md'), join(repo, '.claude/agents/secret.md'));
    mkdirSync(join(repo, '.braid'), { recursive: true });
    symlinkSync(outside, join(repo, '.braid/agents'));

    const listed = expectOk(await services.subagents.definitions(project.id)).definitions;
    expect(listed.map((entry) => [entry.name, entry.source, entry.error])).toEqual([
      ['(.braid/agents)', 'project-braid', expect.stringMatching(/^\.braid\/agents is not read: .*points outside the workspace/)],
      ['secret', 'project-claude', expect.stringMatching(/^\.claude\/agents\/secret\.md: .*points outside the workspace/)],
    ]);
  });

  it('Settings writes a new definition that reads back the same, in the folder of the source chosen', async () => {
    const { home, repo, services, project } = await setup();
    const saved = expectOk(
      await services.subagents.save({
        projectId: project.id,
        source: 'project-claude',
        definition: draft({ tools: ['Read', 'Agent(helper, other)'], disallowedTools: ['Bash'], model: 'openai:gpt-4o', permissionMode: 'acceptEdits', maxTurns: 7, description: 'Use when: "x" # fails' }),
      }),
    );
    const path = join(repo, '.claude/agents/reviewer.md');
    expect(saved.definitions.find((entry) => entry.name === 'reviewer')).toMatchObject({ source: 'project-claude', path, error: null, warnings: [] });
    const reread = parseAgentDefinition(readFileSync(path, 'utf8'), 'reviewer.md');
    expect(reread.definition).toMatchObject({
      name: 'reviewer',
      description: 'Use when: "x" # fails',
      tools: ['Read', 'Agent(helper, other)'],
      disallowedTools: ['Bash'],
      model: 'openai:gpt-4o',
      permissionMode: 'acceptEdits',
      maxTurns: 7,
      prompt: 'You review code.',
    });
    // Texts that need quoting read back exactly, by YAML and by Braid's tolerant reader alike.
    for (const description of ['It\'s "x" # y: z', 'C:\\path # not a comment', 'yes', '- starts with a dash', '  padded  text  ']) {
      expectOk(await services.subagents.save({ projectId: project.id, source: 'project-claude', previousFile: 'reviewer.md', definition: draft({ description }) }));
      expect(parseAgentDefinition(readFileSync(path, 'utf8'), 'reviewer.md').definition?.description).toBe(description.replace(/\s+/g, ' ').trim());
    }
    expectOk(await services.subagents.save({ projectId: null, source: 'user-braid', definition: draft({ name: 'mine' }) }));
    expect(readFileSync(join(home, '.braid/agents/mine.md'), 'utf8')).toBe('---\nname: mine\ndescription: "Reviews a change: correctness first"\ntools: Read, Grep\n---\nYou review code.\n');
  });

  it('editing keeps the keys the form does not show, and renames the file with the name', async () => {
    const { repo, services, project } = await setup();
    writeAgentFile(repo, 'old-name.md', '---\nname: old-name\ndescription: Old\ncolor: blue\nskills:\n  - lint\n# a note\ntools: Read\n---\nOld prompt.\n');
    expectOk(await services.subagents.save({ projectId: project.id, source: 'project-claude', previousFile: 'old-name.md', definition: draft({ name: 'new-name', description: 'New', tools: null }) }));
    expect(readFileSync(join(repo, '.claude/agents/new-name.md'), 'utf8')).toBe('---\nname: new-name\ndescription: New\ncolor: blue\nskills:\n  - lint\n# a note\n---\nYou review code.\n');
    const listed = expectOk(await services.subagents.definitions(project.id)).definitions.filter((entry) => entry.source === 'project-claude');
    expect(listed.map((entry) => entry.file)).toEqual(['new-name.md']);
  });

  it('refuses bad names, a name the folder already has, a file outside its folder and a folder that leads out; nothing is written', async () => {
    const { home, repo, services, project } = await setup();
    writeAgentFile(repo, 'reviewer.md', agentMarkdown({ name: 'reviewer', description: 'Taken' }, 'x'));
    writeAgentFile(repo, 'other.md', agentMarkdown({ name: 'aliased', description: 'Named differently from its file' }, 'x'));

    const input = methods['subagents.saveDefinition'].input;
    for (const name of ['Reviewer', '../evil', 'a b', '-dash', 'x'.repeat(65), '']) {
      expect(input.safeParse({ projectId: project.id, source: 'project-claude', definition: draft({ name }) }).success, name).toBe(false);
    }
    expect(input.safeParse({ projectId: project.id, source: 'project-claude', previousFile: '../../etc/passwd.md', definition: draft() }).success).toBe(false);

    expect(await services.subagents.save({ projectId: project.id, source: 'project-claude', definition: draft() })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '.claude/agents/reviewer.md already defines "reviewer"; edit that one or choose another name', details: { issues: [{ path: ['definition', 'name'] }] } },
    });
    expect(await services.subagents.save({ projectId: project.id, source: 'project-claude', definition: draft({ name: 'aliased' }) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('other.md already defines "aliased"') } });
    expect(await services.subagents.save({ projectId: null, source: 'project-claude', definition: draft({ name: 'fresh' }) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await services.subagents.save({ projectId: project.id, source: 'project-claude', previousFile: 'gone.md', definition: draft({ name: 'fresh' }) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('gone.md is gone') } });

    const outside = tempFolder('braid-agents-outside-');
    symlinkSync(outside, join(home, '.claude'));
    expect(await services.subagents.save({ projectId: null, source: 'user-claude', definition: draft({ name: 'fresh' }) })).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    expect(readFileSync(join(repo, '.claude/agents/reviewer.md'), 'utf8')).toContain('Taken');
    expect(expectOk(await services.subagents.definitions(project.id)).definitions.map((entry) => entry.name)).toEqual(['aliased', 'reviewer']);
  });
});
