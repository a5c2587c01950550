import { describe, expect, it } from 'vitest';
import type { TaskStatus, WorkspaceSetupState, WorkspaceState } from '../../../src-shared/contract';
import { taskBadge } from './task-badge';

const badge = (workspace: WorkspaceState, status: TaskStatus) => taskBadge({ workspace: { state: workspace }, agent: { status } }).label;

describe('task badge', () => {
  it('shows the workspace state while the agent is idle', () => {
    expect(badge('ready', 'idle')).toBe('ready');
    expect(badge('creating', 'idle')).toBe('creating');
  });

  it('shows the agent status once the workspace is ready and the agent has started', () => {
    expect(badge('ready', 'running')).toBe('running');
    expect(badge('ready', 'needs_approval')).toBe('needs approval');
    expect(badge('ready', 'interrupted')).toBe('interrupted');
  });

  it('lets a workspace problem win over the agent status', () => {
    expect(badge('missing', 'done')).toBe('missing');
    expect(badge('deleting', 'running')).toBe('deleting');
  });
  it('says what the setup is doing while the agent waits for it, and that it failed or needs trust', () => {
    const withSetup = (setup: WorkspaceSetupState, status: TaskStatus = 'idle') => taskBadge({ workspace: { state: 'ready', setup: { state: setup } }, agent: { status } }).label;
    expect(withSetup('preparing')).toBe('setting up');
    expect(withSetup('running')).toBe('setting up');
    expect(withSetup('needs_trust')).toBe('setup needs trust');
    expect(withSetup('failed')).toBe('setup failed');
    expect(withSetup('succeeded')).toBe('ready');
    // Once the agent started (after Start anyway, say), its status is what matters.
    expect(withSetup('skipped', 'running')).toBe('running');
  });

  it('says "ready for review" for an implement task pinned to a plan whose run ended done', () => {
    const pinned = (status: TaskStatus, workspace: WorkspaceState = 'ready') =>
      taskBadge({ workspace: { state: workspace }, agent: { status }, role: 'implement', planPin: { planTaskId: 'plan000001', version: 2, stepIds: ['S1'] } });
    expect(pinned('done')).toEqual({ label: 'ready for review', tone: 'ready_for_review' });
    expect(pinned('running').label).toBe('running');
    expect(pinned('failed').label).toBe('failed');
    expect(pinned('done', 'missing').label).toBe('missing');
    // Not pinned to a plan: done is done.
    expect(taskBadge({ workspace: { state: 'ready' }, agent: { status: 'done' }, role: 'implement', planPin: null }).label).toBe('done');
  });
});
