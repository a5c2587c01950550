import { describe, expect, it } from 'vitest';
import { attentionFor, attentionText } from './attention';

describe('when a task needs the user', () => {
  it('is a change seen happening into done, failed, approval, a question or a plan at the gate', () => {
    expect(attentionFor('running', 'needs_approval')).toBe('needs_approval');
    expect(attentionFor('running', 'needs_input')).toBe('needs_input');
    expect(attentionFor('running', 'plan_review')).toBe('plan_review');
    expect(attentionFor('running', 'done')).toBe('done');
    expect(attentionFor('queued', 'failed')).toBe('failed');
  });

  it('is not a task first heard of, the same status said again, or a status that needs nobody', () => {
    expect(attentionFor(undefined, 'done')).toBeNull();
    expect(attentionFor('needs_approval', 'needs_approval')).toBeNull();
    expect(attentionFor('idle', 'running')).toBeNull();
    expect(attentionFor('running', 'stopped')).toBeNull();
  });

  it('says which task and where', () => {
    expect(attentionText('plan_review', { title: 'Billing' }, 'shop')).toEqual({ title: 'Billing has a plan awaiting approval', body: 'In shop' });
  });
});
