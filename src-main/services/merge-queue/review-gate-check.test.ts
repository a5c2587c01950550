import { describe, expect, it } from 'vitest';
import type { FindingPriority, FindingStatus } from '../../../src-shared/contract';
import { reviewGateOverFindings } from './review-gate-check';

const finding = (title: string, priority: FindingPriority, status: FindingStatus) => ({ title, priority, status });

describe('the queue’s review gate over stored findings', () => {
  it('blocks on open, sent or likely addressed P0/P1 findings and names them; dismissed, fixed and P2/P3 ones do not count', () => {
    const findings = new Map([
      ['clear', [finding('Style nit', 'P2', 'open'), finding('Was bad', 'P0', 'fixed'), finding('Not a bug', 'P1', 'dismissed')]],
      ['held', [finding('Null check', 'P1', 'open'), finding('Race', 'P0', 'sent'), finding('Leak', 'P1', 'addressed'), finding('Typo', 'P1', 'open'), finding('Nit', 'P3', 'open')]],
    ]);
    const gate = reviewGateOverFindings({ findingsFor: (taskId) => findings.get(taskId) ?? [] });
    expect(gate('clear')).toEqual({ blocked: false });
    expect(gate('unreviewed')).toEqual({ blocked: false });
    expect(gate('held')).toEqual({ blocked: true, message: 'The review gate holds it back: 4 open P0/P1 findings (“Null check”, “Race”, “Leak”, and 1 more).' });
  });
});
