import { describe, expect, it } from 'vitest';
import type { PlanVersion, PlanVersionStatus } from '../../../src-shared/contract';
import { decidableVersion, notDecidableReason } from './plan-text';

const version = (number: number, status: PlanVersionStatus) => ({ version: number, status }) as PlanVersion;

describe('which plan version can be decided', () => {
  it('is only the latest, while it waits', () => {
    expect(decidableVersion([version(1, 'changes_requested'), version(2, 'proposed')])?.version).toBe(2);
    expect(decidableVersion([version(1, 'proposed'), version(2, 'approved')])).toBeNull();
    expect(decidableVersion([])).toBeNull();
  });

  it('says why another one is not', () => {
    const versions = [version(1, 'superseded'), version(2, 'changes_requested'), version(3, 'approved'), version(4, 'proposed')];
    expect(notDecidableReason(versions[0]!, versions)).toBe('Superseded by v2.');
    expect(notDecidableReason(versions[1]!, versions)).toBe('Changes requested; revised as v4.');
    expect(notDecidableReason(versions[2]!, versions)).toBe('Approved, but v4 was submitted after it.');
    expect(notDecidableReason(versions[3]!, versions)).toBeNull();
    expect(notDecidableReason(version(1, 'changes_requested'), [version(1, 'changes_requested')])).toBe('Changes requested; the agent is revising it.');
  });
});
