import { describe, expect, it } from 'vitest';
import { issuesByKind, rulesFromText } from './rule-lines';

describe('rule lists as text', () => {
  it('takes one rule per line, trimmed, blank lines dropped', () => {
    expect(rulesFromText('  Bash(npm test)\n\n Read(./src/**) \n')).toEqual(['Bash(npm test)', 'Read(./src/**)']);
  });

  it('puts the host’s problems under their list, by line', () => {
    expect(issuesByKind([{ path: ['allow', 1], message: '"Bash(" does not end with ")"' }, { path: ['deny', 0], message: 'empty' }])).toEqual({
      allow: 'Line 2: "Bash(" does not end with ")"',
      deny: 'Line 1: empty',
    });
  });
});
