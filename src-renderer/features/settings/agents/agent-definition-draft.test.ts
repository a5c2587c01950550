import { describe, expect, it } from 'vitest';
import { draftFromFields, emptyAgentFields, fieldsFromView, issueFor, splitToolList } from './agent-definition-draft';

describe('the subagent form', () => {
  it('splits tool lists at top-level commas only', () => {
    expect(splitToolList('Read, Grep ,Agent(a, b),, mcp__github')).toEqual(['Read', 'Grep', 'Agent(a, b)', 'mcp__github']);
    expect(splitToolList('  ')).toEqual([]);
  });

  it('turns the fields into the draft the host takes: empty means the parent’s', () => {
    const checked = draftFromFields({ ...emptyAgentFields('project-claude'), name: ' reviewer ', description: 'Reviews', prompt: 'Be brief.' });
    expect(checked).toEqual({
      ok: true,
      draft: { name: 'reviewer', description: 'Reviews', tools: null, disallowedTools: [], model: null, permissionMode: null, maxTurns: null, prompt: 'Be brief.' },
    });
    const full = draftFromFields({ ...emptyAgentFields('user-claude'), name: 'a', description: 'd', tools: 'Read, Agent(x, y)', disallowedTools: 'Bash', model: 'sonnet', permissionMode: 'plan', maxTurns: '8' });
    expect(full).toMatchObject({ ok: true, draft: { tools: ['Read', 'Agent(x, y)'], disallowedTools: ['Bash'], model: 'sonnet', permissionMode: 'plan', maxTurns: 8 } });
  });

  it('names each field that is wrong, as the host would', () => {
    const checked = draftFromFields({ ...emptyAgentFields('project-claude'), name: 'Code Reviewer', maxTurns: 'ten' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(issueFor(checked.issues, 'name')).toMatch(/lowercase letters, digits and hyphens/);
    expect(issueFor(checked.issues, 'maxTurns')).toMatch(/a whole number/);
    expect(issueFor(checked.issues, 'description')).toMatch(/a description is required/);
    expect(issueFor(checked.issues, 'prompt')).toBeNull();
  });

  it('fills the form from a definition to edit it', () => {
    const fields = fieldsFromView({
      name: 'a', file: 'a.md', path: '/p/.claude/agents/a.md', source: 'project-claude', description: 'd', tools: ['Read', 'Grep'], disallowedTools: [],
      model: null, permissionMode: 'acceptEdits', maxTurns: 3, prompt: 'p', warnings: [], error: null, shadowedBy: null,
    });
    expect(fields).toEqual({ source: 'project-claude', name: 'a', description: 'd', tools: 'Read, Grep', disallowedTools: '', model: '', permissionMode: 'acceptEdits', maxTurns: '3', prompt: 'p' });
  });
});
