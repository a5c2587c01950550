import { describe, expect, it } from 'vitest';
import { sidebarEntries } from './sidebar-entries';

describe('the sidebar’s entries', () => {
  it('groups a pipeline’s tasks under it, where its first task is, and leaves other tasks where they are', () => {
    const pipelines: Record<string, string | null> = { a: null, plan: 'p1', b: null, impl1: 'p1', other: 'p2', impl2: 'p1' };
    expect(sidebarEntries(['a', 'plan', 'b', 'impl1', 'other', 'impl2'], (taskId) => pipelines[taskId] ?? null)).toEqual([
      { kind: 'task', taskId: 'a' },
      { kind: 'pipeline', pipelineId: 'p1', taskIds: ['plan', 'impl1', 'impl2'] },
      { kind: 'task', taskId: 'b' },
      { kind: 'pipeline', pipelineId: 'p2', taskIds: ['other'] },
    ]);
  });
});
