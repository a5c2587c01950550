import { describe, expect, it } from 'vitest';
import { attentionFor, attentionText, queueAttentionText } from './attention';

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

  it('says which task landed where, or why it was ejected', () => {
    const settled = { projectId: 'project001', targetBranch: 'main', entryId: 'entry00001', taskId: 'task000001', taskTitle: 'Billing' };
    expect(queueAttentionText({ ...settled, outcome: 'landed', message: 'Billing landed on main (abc).' }, 'shop')).toEqual({ title: 'Billing landed on main', body: 'In shop' });
    expect(queueAttentionText({ ...settled, outcome: 'ejected', message: 'Billing was ejected from the queue into main: The gate failed (exit 1).' }, 'shop')).toEqual({
      title: 'Billing was ejected from the queue into main',
      body: 'Billing was ejected from the queue into main: The gate failed (exit 1).',
    });
  });

  it('says which task and where', () => {
    expect(attentionText('plan_review', { title: 'Billing' }, 'shop')).toEqual({ title: 'Billing has a plan awaiting approval', body: 'In shop' });
  });
});
