import { describe, expect, it } from 'vitest';
import type { TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import { asFile, makeWorkspace, numberedLines } from '../testing/workspace-fixture';
import { openStore } from '../store/store';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { hunksOf, readFileDiff } from '../diffs/read-file-diff';
import { attributeHunks, fileEditsFromTimeline, provenanceHunk } from './provenance';

/** A timeline as the agent runtime records it, numbered. */
function timeline(bodies: TimelineEventBody[]): TimelineEvent[] {
  return bodies.map((body, index) => ({ ...body, seq: index + 1, at: index }));
}

function call(step: number, callId: string, name: string, args: unknown, isError = false): TimelineEventBody[] {
  return [
    { kind: 'tool_call', step, callId, name, args },
    { kind: 'tool_result', callId, isError, text: isError ? 'failed' : 'ok', durationMs: 1 },
  ];
}

describe('hunk provenance', () => {
  it('links each hunk of a real diff to the step that made it, and labels a hand-made hunk', async () => {
    const original = numberedLines(30);
    const ws = makeWorkspace({ 'src/nav.ts': asFile(original) });
    // What the agent did, through its tools ...
    const afterAgent = [...original];
    afterAgent[2] = 'export function navigate(to: string) {';
    afterAgent[19] = 'const routes = loadRoutes();';
    // ... and what the user typed by hand afterwards.
    const final = [...afterAgent];
    final[27] = 'line 28 tweaked by hand';
    ws.write({ 'src/nav.ts': asFile(final) });
    ws.write({ 'src/new.ts': 'export const fresh = true;\n' });

    const store = openStore(tempFolder('braid-provenance-'));
    store.projects.insert({ id: 'proj000001', name: 'app', path: ws.repo, defaultBranch: 'main', createdAt: 1 });
    store.workspaces.insert({ id: 'work000001', projectId: 'proj000001', path: ws.handle.path, branch: 'braid/task', baseBranch: 'main', baseCommit: ws.handle.baseCommit, state: 'ready', stateReason: null, branchExists: true, createdAt: 2 });
    store.tasks.insert({ id: 'task000001', projectId: 'proj000001', workspaceId: 'work000001', title: 'nav', prompt: 'rename', role: 'implement', createdAt: 3 });
    const bodies: TimelineEventBody[] = [
      { kind: 'user_message', text: 'Rename go to navigate' },
      { kind: 'assistant_text', step: 1, text: 'I will rename ' },
      { kind: 'assistant_text', step: 1, text: 'the function.' },
      ...call(1, 'c1', 'edit_file', { path: 'src/nav.ts', old_text: 'line 3', new_text: 'export function navigate(to: string) {' }),
      { kind: 'assistant_text', step: 2, text: 'Now the routes.' },
      ...call(2, 'c2', 'edit_file', { path: './src/nav.ts', old_text: 'line 20', new_text: 'const routes = loadRoutes();' }),
      ...call(2, 'c3', 'edit_file', { path: 'src/nav.ts', old_text: 'line 28', new_text: 'never applied' }, true),
      { kind: 'assistant_text', step: 3, text: 'And a new file.' },
      ...call(3, 'c4', 'write_file', { path: `${ws.handle.path}/src/new.ts`, content: 'export const fresh = true;\n' }),
    ];
    for (const body of bodies) store.timeline.append('task000001', body, 1);

    const edits = fileEditsFromTimeline(store.timeline.from('task000001', 0), { workspacePath: ws.handle.path });
    const navDiff = expectOk(await readFileDiff(ws.handle, ws.handle.baseCommit!, 'src/nav.ts', { context: 0 }));
    expect(attributeHunks(edits, 'src/nav.ts', hunksOf(navDiff).map(provenanceHunk))).toEqual([
      { byHand: false, step: 1, callId: 'c1', toolName: 'edit_file', precedingText: 'I will rename the function.' },
      { byHand: false, step: 2, callId: 'c2', toolName: 'edit_file', precedingText: 'Now the routes.' },
      { byHand: true },
    ]);
    const newDiff = expectOk(await readFileDiff(ws.handle, ws.handle.baseCommit!, 'src/new.ts', { context: 0, untracked: true }));
    expect(attributeHunks(edits, 'src/new.ts', hunksOf(newDiff).map(provenanceHunk))).toEqual([
      { byHand: false, step: 3, callId: 'c4', toolName: 'write_file', precedingText: 'And a new file.' },
    ]);
    store.close();
  });

  it('credits the latest call that wrote the lines, unless a later rewrite dropped them', () => {
    const events = timeline([
      { kind: 'assistant_text', step: 1, text: 'First try, cut off' },
      { kind: 'retry', attempt: 1, delayMs: 5, message: 'overloaded' },
      { kind: 'assistant_text', step: 1, text: 'Writing it.' },
      ...call(1, 'w1', 'write_file', { path: 'a.ts', content: 'const a = 1;\nconst b = 2;\n' }),
      ...call(2, 'e1', 'edit_file', { path: 'a.ts', old_text: 'const a = 1;', new_text: 'const a = 10;\nconst b = 2;' }),
      ...call(3, 'w2', 'write_file', { path: 'a.ts', content: 'const a = 10;\n' }),
      ...call(4, 'e2', 'edit_file', { path: 'a.ts', old_text: 'const a = 10;', new_text: 'const a = 10;\nconst c = 3;' }),
    ]);
    const edits = fileEditsFromTimeline(events);
    expect(edits.find((edit) => edit.callId === 'w1')?.precedingText).toBe('Writing it.');
    const [rewritten, appended, restored, removed] = attributeHunks(edits, 'a.ts', [
      { added: ['const a = 10;'], removed: ['const a = 1;'] },
      { added: ['const c = 3;'], removed: [] },
      // w2 dropped `const b = 2;`: if it is in the file now, neither w1 nor e1 put it there.
      { added: ['const b = 2;'], removed: [] },
      { added: [], removed: ['const b = 2;'] },
    ]);
    // e2 only kept that line as context; w2 is the latest call that wrote it.
    expect(rewritten).toMatchObject({ callId: 'w2' });
    expect(appended).toMatchObject({ callId: 'e2', step: 4, toolName: 'edit_file' });
    expect(restored).toEqual({ byHand: true });
    expect(removed).toMatchObject({ callId: 'w2' });
  });

  it('credits an edit inside a line to the call whose new_text is part of it, but not a trivial piece', () => {
    const events = timeline([
      { kind: 'assistant_text', step: 1, text: 'Friendlier greeting.' },
      ...call(1, 'e1', 'edit_file', { path: 'greet.ts', old_text: "'Hello '", new_text: "'Hi there, '" }),
      ...call(2, 'e2', 'edit_file', { path: 'greet.ts', old_text: 'x', new_text: 'y' }),
    ]);
    const edits = fileEditsFromTimeline(events);
    const [fragment, trivial, unrelated] = attributeHunks(edits, 'greet.ts', [
      { added: ["export const greet = (name: string) => 'Hi there, ' + name;"], removed: ["export const greet = (name: string) => 'Hello ' + name;"] },
      { added: ['const y = 1;'], removed: ['const x = 1;'] },
      { added: ['const other = "by hand";'], removed: [] },
    ]);
    expect(fragment).toMatchObject({ byHand: false, callId: 'e1', step: 1, precedingText: 'Friendlier greeting.' });
    expect(trivial).toEqual({ byHand: true });
    expect(unrelated).toEqual({ byHand: true });
  });
});

