import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../src-shared/contract';
import { makeServices } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { makeWorkspace } from '../testing/workspace-fixture';
import { parseCustomEditorCommand } from './custom-editor-command';
import { createEditorService } from './editor-service';
import { findOnPath } from '../processes/find-on-path';

/**
 * A stand-in editor (no real editor can be installed here): an executable on PATH that writes
 * the folder it ran in and its arguments into `<bin>/<name>.calls`, then exits.
 */
function standInEditor(bin: string, name: string): () => { cwd: string; args: string[] } | null {
  mkdirSync(bin, { recursive: true });
  const log = join(bin, `${name}.calls`);
  writeFileSync(join(bin, name), `#!/bin/sh\n{ pwd; for a in "$@"; do printf '%s\\n' "$a"; done; } > '${log}.tmp' && mv '${log}.tmp' '${log}'\n`);
  chmodSync(join(bin, name), 0o755);
  return () => {
    if (!existsSync(log)) return null;
    const [cwd = '', ...args] = readFileSync(log, 'utf8').trimEnd().split('\n');
    return { cwd, args };
  };
}

async function until<T>(read: () => T | null): Promise<T> {
  for (;;) {
    const value = read();
    if (value !== null) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function editorWorld(options: { onPath?: string[] } = {}) {
  const bin = tempFolder('braid-editors-bin-');
  const calls = Object.fromEntries((options.onPath ?? []).map((name) => [name, standInEditor(bin, name)]));
  const workspace = makeWorkspace();
  const { services } = makeServices();
  const editors = createEditorService({
    settings: services.settings,
    env: { PATH: `${bin}:/usr/bin:/bin` },
    platform: 'linux',
    worktreeOf: (taskId) => (taskId === 'task-1' ? ok(workspace.path) : fail('NOT_FOUND', 'That task does not exist any more.')),
  });
  return { bin, calls, workspace, editors };
}

describe('open in editor', () => {
  it('finds what is on PATH and says how to install the rest', () => {
    const { editors } = editorWorld({ onPath: ['cursor'] });
    const overview = editors.list();
    expect(overview.editors.find((e) => e.id === 'cursor')).toMatchObject({ available: true, hint: null });
    const vscode = overview.editors.find((e) => e.id === 'vscode');
    expect(vscode).toMatchObject({ available: false, program: null });
    expect(vscode?.hint).toContain('Install \'code\' command in PATH');
  });

  it('opens the task’s worktree in a stand-in `cursor` on PATH: a new window on the worktree, started in it', async () => {
    const { editors, calls, workspace } = editorWorld({ onPath: ['cursor'] });
    const opened = await editors.open('task-1');
    expect(opened).toEqual({ ok: true, data: { opened: 'Cursor' } });
    const call = await until(calls.cursor!);
    expect(call).toEqual({ cwd: workspace.path, args: ['--new-window', workspace.path] });
  });

  it('the preferred editor wins over the first available one, and an unknown one is refused', async () => {
    const { editors, calls, workspace } = editorWorld({ onPath: ['code', 'zed'] });
    expect(editors.configure({ preferredId: 'zed' }).ok).toBe(true);
    expect(editors.list().preferredId).toBe('zed');
    await editors.open('task-1');
    expect(await until(calls.zed!)).toEqual({ cwd: workspace.path, args: ['--new', workspace.path] });
    expect(calls.code!()).toBeNull();
    expect(editors.configure({ preferredId: 'notepad' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a custom command gets the folder where {path} stands, without a shell', async () => {
    const { editors, calls, workspace, bin } = editorWorld({ onPath: ['my-ed'] });
    expect(editors.configure({ customCommand: `my-ed --wait "{path}/src" ';rm -rf /'`, preferredId: 'custom' }).ok).toBe(true);
    const opened = await editors.open('task-1');
    expect(opened.ok).toBe(true);
    expect(await until(calls['my-ed']!)).toEqual({ cwd: workspace.path, args: ['--wait', `${workspace.path}/src`, ';rm -rf /'] });
    expect(editors.list().editors[0]).toMatchObject({ id: 'custom', kind: 'custom', program: join(bin, 'my-ed'), available: true });
  });

  it('refuses a custom command a shell would be needed for, and keeps the old one', () => {
    const { editors } = editorWorld({ onPath: ['my-ed'] });
    editors.configure({ customCommand: 'my-ed {path}' });
    for (const bad of ['my-ed {path} | tee log', 'my-ed $(pwd)', 'EDITOR=x my-ed', 'my-ed > out', 'my-ed "unterminated', '{path}']) {
      const result = editors.configure({ customCommand: bad });
      expect(result, bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(editors.list().customCommand).toBe('my-ed {path}');
  });

  it('says plainly when nothing is installed, when the chosen editor is missing, and when the task is gone', async () => {
    const { editors } = editorWorld();
    const none = await editors.open('task-1', 'vscode');
    expect(none).toMatchObject({ ok: false, error: { code: 'EDITOR_NOT_AVAILABLE' } });
    if (!none.ok) expect(none.error.message).toContain('VS Code is not available');
    expect(await editors.open('task-2')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a program the system cannot start (its interpreter is missing) is EDITOR_FAILED with the errno, not a crash', async () => {
    const { editors, bin } = editorWorld({ onPath: ['subl'] });
    writeFileSync(join(bin, 'subl'), '#!/nonexistent/interpreter\n');
    const result = await editors.open('task-1', 'sublime');
    expect(result).toMatchObject({ ok: false, error: { code: 'EDITOR_FAILED', details: { errno: 'ENOENT' } } });
    if (!result.ok) expect(result.error.message).toContain('the interpreter its first line names');
  });
});

describe('findOnPath', () => {
  it('takes the first executable file on PATH, skipping folders, non-executables and relative entries', () => {
    const first = tempFolder('braid-path-a-');
    const second = tempFolder('braid-path-b-');
    mkdirSync(join(first, 'tool'));
    writeFileSync(join(second, 'tool'), '#!/bin/sh\n');
    chmodSync(join(second, 'tool'), 0o644);
    const third = tempFolder('braid-path-c-');
    writeFileSync(join(third, 'tool'), '#!/bin/sh\n');
    chmodSync(join(third, 'tool'), 0o755);
    expect(findOnPath('tool', { PATH: ['relative', first, second, third].join(':') }, 'linux')).toBe(join(third, 'tool'));
    expect(findOnPath('missing', { PATH: third }, 'linux')).toBeNull();
  });
});

describe('custom editor commands', () => {
  it('appends the folder when {path} is absent and keeps quoted words whole', () => {
    expect(parseCustomEditorCommand('"/opt/My Editor/bin/ed" -n')).toEqual({ ok: true, program: '/opt/My Editor/bin/ed', args: ['-n', '{path}'] });
  });
});
