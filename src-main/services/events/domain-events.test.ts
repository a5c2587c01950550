import { describe, expect, it } from 'vitest';
import { DomainEventBus } from './domain-events';

const removed = { projectId: 'proj000001', taskId: 'task000001', pipelineId: null, title: 'A', cause: 'deleted' as const };

describe('DomainEventBus', () => {
  it('calls listeners at once, in the order they subscribed, and no more after they unsubscribe', async () => {
    const bus = new DomainEventBus();
    const calls: string[] = [];
    bus.on('task.removed', ({ taskId }) => void calls.push(`first ${taskId}`));
    const off = bus.on('task.removed', ({ taskId }) => void calls.push(`second ${taskId}`));
    bus.on('project.removed', () => void calls.push('other event'));

    const published = bus.publish('task.removed', removed);
    expect(calls).toEqual(['first task000001', 'second task000001']);
    await published;

    off();
    await bus.publish('task.removed', removed);
    expect(calls).toEqual(['first task000001', 'second task000001', 'first task000001']);
  });

  it('resolves once every async listener is done, so a publisher can wait for the reactions', async () => {
    const bus = new DomainEventBus();
    const done: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    bus.on('agent.turnEnded', async () => {
      await gate;
      done.push('checkpoint');
    });
    bus.on('agent.turnEnded', () => void done.push('at once'));

    let settled = false;
    const published = bus.publish('agent.turnEnded', { taskId: 'task000001', workspaceId: 'work000001', turn: 2 }).then(() => (settled = true));
    await Promise.resolve();
    expect(done).toEqual(['at once']);
    expect(settled).toBe(false);
    release();
    await published;
    expect(done).toEqual(['at once', 'checkpoint']);
  });

  it('logs a listener that throws or rejects and still runs the others; a listener returning a plain value is fine', async () => {
    const lines: string[] = [];
    const bus = new DomainEventBus((line) => lines.push(line));
    const reached: string[] = [];
    bus.on('task.removed', () => {
      throw new Error('broken listener');
    });
    bus.on('task.removed', async () => {
      throw new Error('broken async listener');
    });
    // A function typed as returning void may still return a value (as the contract's `emit` given by a test does).
    const countingListener: () => void = () => reached.push('counted');
    bus.on('task.removed', countingListener);
    bus.on('task.removed', () => void reached.push('last'));

    await expect(bus.publish('task.removed', removed)).resolves.toBeUndefined();
    expect(reached).toEqual(['counted', 'last']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('a listener of task.removed failed: Error: broken listener');
    expect(lines[1]).toContain('broken async listener');
  });
});
