import { lstatSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fail, ok } from '../../src-shared/contract';
import { createDispatch, type HandlerTable } from './dispatch';

const project = { id: 'abcdef1234', name: 'repo', path: '/r', defaultBranch: 'main', currentBranch: 'main', createdAt: 1 };

function table(overrides: Partial<HandlerTable>): HandlerTable {
  const notCalled = () => {
    throw new Error('handler should not have been called');
  };
  return new Proxy(overrides as HandlerTable, { get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? notCalled });
}

describe('dispatch', () => {
  it('refuses unknown methods and invalid input before any handler runs', async () => {
    const dispatch = createDispatch(table({}), { validateOutput: true });
    expect(await dispatch('fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch('projects.add', { path: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'path: a path is required' } });
    expect(await dispatch('projects.add', { path: '/x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('projects.add', { path: 'a\0b' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('tasks.create', { projectId: 'abcdef1234', title: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('tasks.create', { projectId: 'abcdef1234', title: 'x', baseBranch: '--upload-pack=evil' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('passes validated input with defaults applied, and returns expected failures as values', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatch(
      table({
        'tasks.create': (args) => {
          seen.push(args);
          return fail('BRANCH_NOT_FOUND', 'No branch "nope"');
        },
      }),
      { validateOutput: true },
    );
    const result = await dispatch('tasks.create', { projectId: 'abcdef1234', title: ' Fix it ' });
    expect(result).toEqual({ ok: false, error: { code: 'BRANCH_NOT_FOUND', message: 'No branch "nope"' } });
    expect(seen).toEqual([{ projectId: 'abcdef1234', title: 'Fix it', prompt: '', role: 'implement', engine: { kind: 'braid' } }]);
  });

  it('never lets an exception or an invalid output cross the boundary', async () => {
    const bugs: string[] = [];
    const dispatch = createDispatch(
      table({
        'projects.list': () => ok([{ ...project, id: 'NOT VALID' }]),
        'projects.remove': () => {
          throw new Error('boom');
        },
      }),
      { validateOutput: true, onBug: (method) => bugs.push(method) },
    );
    expect(await dispatch('projects.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await dispatch('projects.remove', { projectId: 'abcdef1234' })).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('boom') } });
    expect(bugs).toEqual(['projects.list', 'projects.remove']);
  });

  it('answers a file-system refusal that escaped a handler with its own code, not INTERNAL', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'braid-dispatch-'));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    symlinkSync('loop', join(folder, 'loop'));
    const bugs: string[] = [];
    const dispatch = createDispatch(
      table({
        'projects.list': () => {
          lstatSync(join(folder, 'loop', 'x'));
          return ok([]);
        },
        'projects.remove': () => {
          lstatSync(join(folder, 'x'.repeat(5000)));
          return ok({ removed: true as const });
        },
      }),
      { validateOutput: true, onBug: (method) => bugs.push(method) },
    );
    expect(await dispatch('projects.list', {})).toMatchObject({ ok: false, error: { code: 'SYMLINK_LOOP', details: { errno: 'ELOOP' } } });
    const tooLong = await dispatch('projects.remove', { projectId: 'abcdef1234' });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'PATH_TOO_LONG', message: expect.stringMatching(/^The path ".+…x+" is too long for the file system\.$/) } });
    expect(tooLong.ok ? 0 : tooLong.error.message.length).toBeLessThan(300);
    // Still logged: a service should have answered with a value.
    expect(bugs).toEqual(['projects.list', 'projects.remove']);
  });
});
