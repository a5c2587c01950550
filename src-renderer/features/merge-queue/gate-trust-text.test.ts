import { describe, expect, it } from 'vitest';
import type { GateTrust, MergeQueueView } from '../../../src-shared/contract';
import { trustedScripts, trustToOffer } from './gate-trust-text';

const trust: GateTrust = {
  contentHash: 'a'.repeat(64),
  files: ['.braid/workspace.json'],
  scripts: { setup: ['npm ci'], test: ['npm test', 'npm run lint'], run: ['npm start'], archive: [] },
  trusted: false,
};

const queue = (changes: Partial<MergeQueueView>): MergeQueueView => ({
  projectId: 'project001',
  targetBranch: 'main',
  paused: true,
  pauseReason: 'The setup script and gate (test) of .braid/workspace.json on main runs only once you trust it …',
  gate: { command: 'npm test && npm run lint', setup: 'npm ci', source: 'workspace.json', problem: null, trust },
  entries: [],
  ...changes,
});

describe('the queue’s config to trust', () => {
  it('is offered only while Braid paused the queue and the config is readable and not trusted', () => {
    expect(trustToOffer(queue({}))).toBe(trust);
    expect(trustToOffer(queue({ pauseReason: null }))).toBeNull();
    expect(trustToOffer(queue({ paused: false, pauseReason: null }))).toBeNull();
    expect(trustToOffer(queue({ gate: { ...queue({}).gate, trust: { ...trust, trusted: true } } }))).toBeNull();
    expect(trustToOffer(queue({ gate: { ...queue({}).gate, trust: null } }))).toBeNull();
  });

  it('lists what the queue runs (setup, and test when it is the gate) apart from what the same content also holds, each line in full', () => {
    expect(trustedScripts({ source: 'workspace.json' }, trust)).toEqual({
      runs: [
        { label: 'Setup (runs before the gate)', lines: ['npm ci'] },
        { label: 'Gate (test)', lines: ['npm test', 'npm run lint'] },
      ],
      also: [{ label: 'Run', lines: ['npm start'] }],
    });
    expect(trustedScripts({ source: 'setting' }, trust)).toEqual({
      runs: [{ label: 'Setup (runs before the gate)', lines: ['npm ci'] }],
      also: [
        { label: 'Test (not the gate: the queue settings set one)', lines: ['npm test', 'npm run lint'] },
        { label: 'Run', lines: ['npm start'] },
      ],
    });
  });
});
