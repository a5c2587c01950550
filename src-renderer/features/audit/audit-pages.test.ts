import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-shared/contract';
import { mergeAuditPages } from './audit-pages';

const entry = (seq: number, reason = 'first read'): AuditEntry => ({
  projectId: 'proj000001',
  seq,
  at: seq,
  actor: 'user',
  type: 'gate.override',
  taskId: null,
  pipelineId: null,
  payload: { reason },
  prevHash: '',
  hash: String(seq),
});

describe('mergeAuditPages', () => {
  it('keeps each entry once, newest first, when the newest page is read again over older pages', () => {
    const loaded = [entry(5), entry(4), entry(3), entry(2)];
    const newest = [entry(7), entry(6), entry(5, 'read again')];
    const merged = mergeAuditPages(loaded, newest);
    expect(merged.map((item) => item.seq)).toEqual([7, 6, 5, 4, 3, 2]);
    expect(merged[2]?.payload.reason).toBe('read again');
    expect(mergeAuditPages(merged, [entry(1)]).map((item) => item.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });
});
