import { describe, expect, it } from 'vitest';
import { commandFailed, commandOutcomeLabel, fileDescription, fileNotes, tooLargeLabel } from './file-labels';
import type { AgentCommand, DiffFile } from './review-types';

const file = (change: Partial<DiffFile>): DiffFile => ({ path: 'a.bin', status: 'modified', additions: 0, deletions: 0, binary: false, ...change });
const command = (change: Partial<AgentCommand>): AgentCommand => ({ callId: 'c', seq: 1, command: 'npm test', exitCode: 0, outcome: 'succeeded', ...change });

describe('file labels', () => {
  it('says how large a file too large to display is, in MB', () => {
    expect(tooLargeLabel(3_400_000)).toBe('too large to display, 3.4 MB');
    expect(tooLargeLabel(25_600_000)).toBe('too large to display, 26 MB');
    expect(tooLargeLabel(undefined)).toBe('too large to display');
  });

  it('names binary files, mode changes and large files', () => {
    expect(fileNotes(file({ binary: true }))).toEqual(['binary']);
    expect(fileNotes(file({ oldMode: '100644', newMode: '100755' }))).toEqual(['mode 100644 → 100755']);
    expect(fileNotes(file({ tooLarge: true, sizeBytes: 5_000_000 }))).toEqual(['too large to display, 5 MB']);
  });

  it('describes a renamed file with its old name and counts', () => {
    expect(fileDescription(file({ path: 'b.ts', oldPath: 'a.ts', status: 'renamed', additions: 2, deletions: 1 }))).toBe('renamed, from a.ts, +2 −1');
  });
});

describe('command outcomes', () => {
  it('shows the exit code, and marks failures', () => {
    expect(commandOutcomeLabel(command({}))).toBe('exit 0');
    expect(commandOutcomeLabel(command({ exitCode: 2, outcome: 'failed' }))).toBe('exit 2');
    expect(commandFailed(command({ exitCode: 2, outcome: 'failed' }))).toBe(true);
    expect(commandOutcomeLabel(command({ exitCode: null, outcome: 'running' }))).toBe('running');
    expect(commandOutcomeLabel(command({ exitCode: null, outcome: 'killed' }))).toBe('killed');
    expect(commandFailed(command({ exitCode: null, outcome: 'denied' }))).toBe(false);
  });
});
