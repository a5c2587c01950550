import { describe, expect, it } from 'vitest';
import { parseAgentDefinition } from './agent-definition';

const file = (frontmatter: string, body = 'You are careful.') => `---\n${frontmatter}\n---\n${body}\n`;

describe('parsing a subagent definition (Claude Code’s .claude/agents/*.md)', () => {
  it('reads Claude Code’s format: name, description, a comma list of tools in Braid’s names, model, mode, turn limit, the body as the prompt', () => {
    const parsed = parseAgentDefinition(file('name: code-reviewer\ndescription: Reviews code for bugs\ntools: Read, Grep, Glob\nmodel: sonnet\npermissionMode: plan\nmaxTurns: 12', 'You review code.\n\nBe brief.'), 'code-reviewer.md');
    expect(parsed.error).toBeNull();
    expect(parsed.warnings).toEqual([]);
    expect(parsed.definition).toMatchObject({
      name: 'code-reviewer',
      description: 'Reviews code for bugs',
      tools: ['Read', 'Grep', 'Glob'],
      model: 'sonnet',
      permissionMode: 'plan',
      maxTurns: 12,
      prompt: 'You review code.\n\nBe brief.',
    });
    expect(parsed.definition?.grant.tools?.sort()).toEqual(['git_diff', 'git_status', 'glob', 'grep', 'list_dir', 'read_file']);
    expect(parsed.definition?.grant.agents).toBeNull();
  });

  const cases: { name: string; frontmatter: string; body?: string; expect: Record<string, unknown> }[] = [
    { name: 'tools as a YAML list', frontmatter: 'name: a\ndescription: d\ntools:\n  - Read\n  - Bash', expect: { tools: ['Read', 'Bash'], grantTools: ['list_dir', 'list_services', 'git_diff', 'git_status', 'read_file', 'run_command', 'start_service', 'stop_service'] } },
    { name: 'tools as a flow list', frontmatter: 'name: a\ndescription: d\ntools: [Edit, "Write"]', expect: { tools: ['Edit', 'Write'], grantTools: ['edit_file', 'write_file'] } },
    { name: 'no tools: the parent’s', frontmatter: 'name: a\ndescription: d', expect: { tools: null, grantTools: null } },
    { name: 'an empty tools key: the parent’s', frontmatter: 'name: a\ndescription: d\ntools:', expect: { tools: null, grantTools: null } },
    { name: 'an empty list: no tools at all', frontmatter: 'name: a\ndescription: d\ntools: []', expect: { tools: [], grantTools: [] } },
    { name: 'Braid’s own tool names', frontmatter: 'name: a\ndescription: d\ntools: read_file, git_diff, ask_user', expect: { grantTools: ['ask_user', 'git_diff', 'read_file'] } },
    { name: 'an MCP server and one of its tools', frontmatter: 'name: a\ndescription: d\ntools: mcp__github, mcp__linear__create_issue', expect: { grantTools: ['mcp__github__*', 'mcp__linear__create_issue'] } },
    { name: 'Agent(names) limits whom it may delegate to', frontmatter: 'name: a\ndescription: d\ntools: Read, Agent(reviewer, tester)', expect: { grantAgents: ['reviewer', 'tester'], hasDelegate: true } },
    { name: 'the legacy Task is Agent', frontmatter: 'name: a\ndescription: d\ntools: Task', expect: { grantAgents: null, hasDelegate: true } },
    { name: 'disallowedTools in Braid’s names', frontmatter: 'name: a\ndescription: d\ndisallowedTools: Bash, Write', expect: { disallowed: ['list_services', 'run_command', 'start_service', 'stop_service', 'write_file'] } },
    { name: 'model inherit is the parent’s', frontmatter: 'name: a\ndescription: d\nmodel: inherit', expect: { model: null } },
    { name: 'a Braid model reference', frontmatter: 'name: a\ndescription: d\nmodel: openai:gpt-4o', expect: { model: 'openai:gpt-4o' } },
    { name: 'Claude Code’s bypassPermissions', frontmatter: 'name: a\ndescription: d\npermissionMode: bypassPermissions', expect: { permissionMode: 'bypassPermissions' } },
    { name: 'a quoted description with a colon', frontmatter: 'name: a\ndescription: "Use when: tests fail"', expect: { description: 'Use when: tests fail' } },
    { name: 'a block description', frontmatter: 'name: a\ndescription: >\n  Reviews code\n  after edits', expect: { description: 'Reviews code after edits' } },
  ];
  it.each(cases)('$name', ({ frontmatter, body, expect: expected }) => {
    const parsed = parseAgentDefinition(file(frontmatter, body), 'a.md');
    expect(parsed.error).toBeNull();
    const definition = parsed.definition!;
    if ('tools' in expected) expect(definition.tools).toEqual(expected.tools);
    if ('grantTools' in expected) expect(definition.grant.tools === null ? null : [...definition.grant.tools].sort()).toEqual(expected.grantTools === null ? null : [...(expected.grantTools as string[])].sort());
    if ('grantAgents' in expected) expect(definition.grant.agents).toEqual(expected.grantAgents);
    if ('hasDelegate' in expected) expect(definition.grant.tools).toContain('delegate');
    if ('disallowed' in expected) expect([...definition.grant.disallowed].sort()).toEqual(expected.disallowed);
    if ('model' in expected) expect(definition.model).toEqual(expected.model);
    if ('permissionMode' in expected) expect(definition.permissionMode).toEqual(expected.permissionMode);
    if ('description' in expected) expect(definition.description).toEqual(expected.description);
  });

  const errors: { name: string; text: string; error: RegExp; shownName?: string }[] = [
    { name: 'no frontmatter', text: 'Just a prompt.\n', error: /^no frontmatter: the file must start with a --- block/ },
    { name: 'a frontmatter that never ends', text: '---\nname: a\ndescription: d\nYou review.\n', error: /the frontmatter starts with --- but never ends/ },
    { name: 'no name', text: file('description: d'), error: /^name: required$/ },
    { name: 'a name with spaces and capitals', text: file('name: Code Reviewer\ndescription: d'), error: /name: "Code Reviewer" is not a valid name \(a name is lowercase letters, digits and hyphens/, shownName: 'Code Reviewer' },
    { name: 'no description', text: file('name: a'), error: /description: required/ },
    { name: 'an unknown mode', text: file('name: a\ndescription: d\npermissionMode: yolo'), error: /permissionMode: "yolo" is not a mode \(use one of default, manual, ask, acceptEdits, plan/ },
    { name: 'maxTurns that is not a number', text: file('name: a\ndescription: d\nmaxTurns: many'), error: /maxTurns: "many" is not a whole number from 1 to 1000/ },
    { name: 'maxTurns of zero', text: file('name: a\ndescription: d\nmaxTurns: 0'), error: /maxTurns: "0"/ },
    { name: 'tools: true', text: file('name: a\ndescription: d\ntools: true'), error: /tools: a list of tool names is expected/ },
    { name: 'several problems at once, each named', text: file('name: a\npermissionMode: sometimes\nmaxTurns: -1'), error: /description: required.*permissionMode: "sometimes".*maxTurns: "-1"/ },
    { name: 'a line that is not key: value, with the error it caused', text: file('name: a\nthis is not yaml'), error: /frontmatter line 3: "this is not yaml" is not "key: value".*description: required/ },
  ];
  it.each(errors)('refuses $name with a precise message', ({ text, error, shownName }) => {
    const parsed = parseAgentDefinition(text, 'a.md');
    expect(parsed.definition).toBeNull();
    expect(parsed.error).toMatch(error);
    expect(parsed.name).toBe(shownName ?? 'a');
  });

  it('warns about what Braid cannot give, and still uses the definition', () => {
    const parsed = parseAgentDefinition(file('name: a\ndescription: d\ntools: Read, WebFetch, Frobnicate, Bash(git *)\nisolation: worktree\ncolor: blue\nnot valid here', ''), 'a.md');
    expect(parsed.error).toBeNull();
    expect(parsed.warnings).toEqual([
      'frontmatter line 7: "not valid here" is not "key: value"',
      'tools: Braid has no WebFetch tool; ignored',
      'tools: "Frobnicate" is not a tool Braid knows; ignored',
      'tools: "Bash(git *)" gives the Bash tool; which calls it may make is up to the permission rules',
      'isolation: ignored (a subagent always works in its parent’s workspace)',
      'the body is empty: the subagent gets no instructions of its own',
    ]);
    expect(parsed.definition?.grant.tools).toEqual(expect.arrayContaining(['read_file', 'run_command']));
  });
});
