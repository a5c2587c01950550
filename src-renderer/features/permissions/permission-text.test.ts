import { describe, expect, it } from 'vitest';
import { decisionLine, nextMode } from './permission-text';

describe('permission words', () => {
  it('Shift+Tab cycles ask → accept edits → full auto → plan → ask', () => {
    expect([nextMode('ask'), nextMode('acceptEdits'), nextMode('fullAuto'), nextMode('plan')]).toEqual(['acceptEdits', 'fullAuto', 'plan', 'ask']);
  });

  it('names the rule and where it lives', () => {
    expect(decisionLine('allow', 'Bash(npm test *)', 'project')).toBe('Allowed by Bash(npm test *) (Braid settings, this project)');
    expect(decisionLine('deny', 'hard deny: privilege', 'built-in')).toBe('Denied by hard deny: privilege (Braid’s hard-deny list)');
    expect(decisionLine('ask', 'ask mode', null)).toBe('Asked by ask mode (Braid)');
  });
});
