import { describe, expect, it } from 'vitest';
import { ownsItsWorkspace, workspaceOwnerOf, type OwnerLinks } from './workspace-owner';

/** Tasks as the rule reads them: `parent` for a subagent's task, `reviews` for a review task. */
function tasks(...rows: { id: string; parent?: string; reviews?: string }[]) {
  const byId = new Map<string, OwnerLinks>(rows.map((row) => [row.id, { id: row.id, parentTaskId: row.parent ?? null, reviewedTaskId: row.reviews ?? null }]));
  const ownerOf = (id: string) => workspaceOwnerOf(byId.get(id)!, (taskId) => byId.get(taskId))?.id;
  return { byId, ownerOf };
}

describe('the owner of a shared workspace', () => {
  it('is the task itself when it works for no other', () => {
    const { byId, ownerOf } = tasks({ id: 'top' });
    expect(ownerOf('top')).toBe('top');
    expect(ownsItsWorkspace(byId.get('top')!)).toBe(true);
  });

  it('is a subagent’s top parent, at any depth', () => {
    const { byId, ownerOf } = tasks({ id: 'top' }, { id: 'child', parent: 'top' }, { id: 'grandchild', parent: 'child' }, { id: 'deepest', parent: 'grandchild' });
    expect(['child', 'grandchild', 'deepest'].map(ownerOf)).toEqual(['top', 'top', 'top']);
    expect(ownsItsWorkspace(byId.get('child')!)).toBe(false);
  });

  it('is a review task’s reviewed task, and the top parent of a reviewed subagent’s task', () => {
    const { byId, ownerOf } = tasks({ id: 'top' }, { id: 'review', reviews: 'top' }, { id: 'child', parent: 'top' }, { id: 'review-of-child', reviews: 'child' }, { id: 'review-child', parent: 'review' });
    expect(['review', 'review-of-child', 'review-child'].map(ownerOf)).toEqual(['top', 'top', 'top']);
    expect(ownsItsWorkspace(byId.get('review')!)).toBe(false);
  });

  it('is unknown when a task on the way is gone, or the links go round in a circle', () => {
    expect(tasks({ id: 'orphan', reviews: 'gone' }).ownerOf('orphan')).toBeUndefined();
    expect(tasks({ id: 'a', parent: 'b' }, { id: 'b', parent: 'a' }).ownerOf('a')).toBeUndefined();
  });
});
