import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { hugeRuleChars, rulesFixture } from './rules.fixture';

type Message = { role: string; content: unknown };

describe('rules discovery on a repository holding every format', () => {
  it('gives a run personal, user, project and local rules in order, with imports, the budget and every refusal named', async () => {
    const fixture = rulesFixture();
    const world = await agentWorld({ repo: fixture.repo, home: fixture.home });
    expectOk(world.services.rules.setPersonal('PERSONAL-RULE: answer in English.'));
    const task = await world.createTask('Rules', '');

    const run = await world.services.rules.forRun(task, []);
    const section = run.section ?? '';
    const order = ['PERSONAL-RULE', 'USER-HOME-RULE', 'USER-RULES-FOLDER', 'ROOT-AGENTS', 'IMPORTED-STYLE', 'DEPTH-ONE', 'DEPTH-THREE', 'CLAUDE-ROOT', 'CYCLE-A', 'CYCLE-B', 'DOT-CLAUDE', 'GENERAL-RULE', 'HUGE-RULE-START', 'CURSOR-ALWAYS', 'LEGACY-CURSORRULES', 'LOCAL-RULE'];
    const positions = order.map((marker) => section.indexOf(marker));
    expect(positions.every((position) => position >= 0), `missing: ${order.filter((_, index) => positions[index]! < 0).join(', ')}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Path rules, nested files, requested and manual rules, and refused files are not in the system prompt.
    for (const absent of ['TESTING-RULE', 'CURSOR-REACT', 'CURSOR-REQUESTED', 'CURSOR-MANUAL', 'NESTED-API', 'NESTED-PACKAGES', 'DEPTH-FOUR', 'OUTSIDE-SECRET', 'HUGE-RULE-END']) {
      expect(section, absent).not.toContain(absent);
    }
    // A requested rule is offered by its description.
    expect(section).toContain('- .cursor/rules/db.mdc: How to write database migrations');

    expect(run.record).toMatchObject({ kind: 'rules_loaded', trigger: 'run' });
    const record = run.record!.kind === 'rules_loaded' ? run.record! : null;
    expect(record!.rules.map((rule) => `${rule.file}|${rule.scope}|${rule.activation}`)).toEqual([
      'Personal rules|personal|always',
      '~/.claude/CLAUDE.md|user|always',
      '~/.claude/rules/mine.md|user|always',
      'AGENTS.md|project|always',
      'docs/style.md|project|always',
      'docs/deep/one.md|project|always',
      'docs/deep/two.md|project|always',
      'docs/deep/three.md|project|always',
      'CLAUDE.md|project|always',
      'docs/cycle-a.md|project|always',
      'docs/cycle-b.md|project|always',
      '.claude/CLAUDE.md|project|always',
      '.claude/rules/general.md|project|always',
      '.claude/rules/huge.md|project|always',
      '.cursor/rules/always.mdc|project|always',
      '.cursorrules|project|always',
      'CLAUDE.local.md|local|always',
      '.cursor/rules/db.mdc|project|requested',
    ]);
    expect(record!.rules.find((rule) => rule.file === 'docs/style.md')).toMatchObject({ importedBy: 'AGENTS.md' });
    expect(record!.rules.find((rule) => rule.file === '.claude/rules/huge.md')).toMatchObject({ chars: 20_000, originalChars: hugeRuleChars + 'HUGE-RULE-START  HUGE-RULE-END'.length });
    const warnings = record!.warnings.join('\n');
    expect(warnings).toContain('@four.md in docs/deep/three.md was not imported: imports are followed at most 4 levels deep');
    expect(warnings).toContain('@cycle-a.md in docs/cycle-b.md was refused: it imports docs/cycle-a.md again (docs/cycle-a.md → docs/cycle-b.md → docs/cycle-a.md), a cycle');
    expect(warnings).toContain('@../../outside.md in AGENTS.md was not imported: it leads outside the worktree');
    expect(warnings).toContain('.claude/rules/escape.md: Refused path');
    expect(warnings).toContain('.claude/rules/huge.md was cut from');

    // The same rules at the next run's start are not recorded again.
    const events = [{ seq: 1, at: 1, ...run.record! }];
    expect((await world.services.rules.forRun(task, events)).record).toBeNull();

    // The panel lists every file, nested ones and the ones not given included.
    const listed = expectOk(await world.services.rules.forTask(task.id));
    const activation = Object.fromEntries(listed.discovered.map((rule) => [rule.file, rule.activation]));
    expect(activation).toMatchObject({
      'AGENTS.md': 'always',
      '.claude/rules/testing.md': 'path',
      '.cursor/rules/react.mdc': 'path',
      '.cursor/rules/db.mdc': 'requested',
      '.cursor/rules/manual.mdc': 'manual',
      'packages/AGENTS.md': 'nested',
      'packages/api/AGENTS.md': 'nested',
    });
    expect(listed.discovered.find((rule) => rule.file === '.cursor/rules/react.mdc')?.globs).toEqual(['*.tsx', 'src/ui/**']);
  });
});

describe('rules a path brings, in an agent run', () => {
  it('gives the nearest nested AGENTS.md and matching path rules the first time a path is read, once', async () => {
    const fixture = rulesFixture();
    const world = await agentWorld({ repo: fixture.repo, home: fixture.home });
    world.server.enqueue(
      { toolCalls: [{ id: 'r1', name: 'read_file', args: { path: 'packages/api/src/server.ts' } }] },
      { toolCalls: [{ id: 'r2', name: 'read_file', args: { path: 'packages/api/src/routes.ts' } }, { id: 'r3', name: 'read_file', args: { path: 'src/app.test.ts' } }] },
      { text: 'Read them.' },
    );
    const task = await world.createTask('Nested', 'Look at the server');
    await world.waitForStatus(task.id, 'done');

    const [first, second, third] = world.server.requests.map((request) => request.body as { messages: Message[] });
    expect(JSON.stringify(first)).not.toContain('NESTED-API');
    // After the first read: packages/api/AGENTS.md (the nearest), after the call's result; not packages/AGENTS.md.
    const afterRead = JSON.stringify(second!.messages.slice(-2));
    expect(afterRead).toContain('export const server = 1;');
    expect(afterRead).toContain('NESTED-API: handlers return Result values.');
    expect(JSON.stringify(second)).not.toContain('NESTED-PACKAGES');
    const lastMessage = second!.messages.at(-1)!;
    expect(lastMessage.role).toBe('user');
    expect(JSON.stringify(lastMessage)).toContain('You just worked on packages/api/src/server.ts');
    // The second file in the same folder brings nothing new; the test file brings its path rule.
    const third1 = JSON.stringify(third);
    expect(third1.split('NESTED-API: handlers').length - 1).toBe(1);
    expect(third1).toContain('TESTING-RULE: use vitest.');

    const loaded = world.timeline(task.id).filter((event) => event.kind === 'rules_loaded');
    expect(loaded.map((event) => (event.kind === 'rules_loaded' ? `${event.trigger}:${event.path}:${event.rules.map((rule) => rule.file).join(',')}` : ''))).toEqual([
      expect.stringMatching(/^run:null:Personal rules|^run:null:~\/\.claude\/CLAUDE\.md/),
      'path:packages/api/src/server.ts:packages/api/AGENTS.md',
      'path:src/app.test.ts:.claude/rules/testing.md',
    ]);
    // The panel reads what was given from the timeline.
    expect(expectOk(await world.services.rules.forTask(task.id)).given.map((entry) => entry.trigger)).toEqual(['run', 'path', 'path']);
  });
});
