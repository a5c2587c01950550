import { isAbsolute, posix, relative } from 'node:path';
import type { TimelineEvent } from '../../../src-shared/contract';
import { addedLines, removedLines, type Hunk } from '../diffs/hunk';

/** A successful write_file / edit_file call of the agent, from the task's timeline. */
export interface FileEdit {
  seq: number;
  step: number;
  callId: string;
  toolName: 'write_file' | 'edit_file';
  /** Relative to the worktree root, as the review names files. */
  path: string;
  /** What the call put into the file: write_file's content, edit_file's new_text. */
  written: string[];
  /** What edit_file took out (its old_text); empty for write_file. */
  replaced: string[];
  /** The assistant's words in that step before the call. */
  precedingText: string;
}

export interface ProvenanceHunk {
  added: readonly string[];
  removed: readonly string[];
}

export type HunkProvenance =
  | { byHand: false; step: number; callId: string; toolName: FileEdit['toolName']; precedingText: string }
  | { byHand: true };

const fileTools = new Set(['write_file', 'edit_file']);

/**
 * Every successful file-writing call in a timeline, oldest first: Braid's own `write_file` and
 * `edit_file`, and the diffs an external agent reported for its calls (`file_diff`). Paths are
 * made relative to the worktree (`./a.ts` and `/abs/worktree/a.ts` both become `a.ts`).
 */
export function fileEditsFromTimeline(events: readonly TimelineEvent[], options: { workspacePath?: string } = {}): FileEdit[] {
  const textByStep = new Map<number, string>();
  const stepsWithCalls = new Set<number>();
  let lastTextStep: number | undefined;
  const calls = new Map<string, FileEdit>();
  const callSteps = new Map<string, number>();
  const succeeded = new Set<string>();
  for (const event of events) {
    if (event.kind === 'assistant_text') {
      textByStep.set(event.step, (textByStep.get(event.step) ?? '') + event.text);
      lastTextStep = event.step;
    } else if (event.kind === 'retry' && lastTextStep !== undefined && !stepsWithCalls.has(lastTextStep)) {
      // The failed attempt's partial answer is redone by the retry; keep only the retry's words.
      textByStep.delete(lastTextStep);
    } else if (event.kind === 'tool_call') {
      stepsWithCalls.add(event.step);
      callSteps.set(event.callId, event.step);
      const edit = fileEditOf(event, textByStep.get(event.step) ?? '', options.workspacePath);
      if (edit) calls.set(event.callId, edit);
    } else if (event.kind === 'file_diff') {
      // An external agent's edit: the diff it reported for its call (the call's arguments are its own tool's).
      const step = callSteps.get(event.callId);
      const path = normalisePath(event.path, options.workspacePath);
      if (step === undefined || !path) continue;
      const lines = (text: string | null) => (text === null ? [] : text.split(/\r?\n/));
      calls.set(`${event.callId}\u0000${path}`, {
        seq: event.seq,
        step,
        callId: event.callId,
        toolName: event.oldText === null ? 'write_file' : 'edit_file',
        path,
        written: lines(event.newText),
        replaced: lines(event.oldText),
        precedingText: textByStep.get(step) ?? '',
      });
    } else if (event.kind === 'tool_result' && !event.isError) {
      succeeded.add(event.callId);
    }
  }
  return [...calls.values()].filter((edit) => succeeded.has(edit.callId));
}

function fileEditOf(event: Extract<TimelineEvent, { kind: 'tool_call' }>, precedingText: string, workspacePath?: string): FileEdit | null {
  if (!fileTools.has(event.name) || typeof event.args !== 'object' || event.args === null) return null;
  const args = event.args as Record<string, unknown>;
  const path = typeof args.path === 'string' ? normalisePath(args.path, workspacePath) : null;
  if (!path) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value.split(/\r?\n/) : []);
  const isWrite = event.name === 'write_file';
  return {
    seq: event.seq,
    step: event.step,
    callId: event.callId,
    toolName: isWrite ? 'write_file' : 'edit_file',
    path,
    written: text(isWrite ? args.content : args.new_text),
    replaced: isWrite ? [] : text(args.old_text),
    precedingText,
  };
}

function normalisePath(raw: string, workspacePath?: string): string | null {
  let path = raw.replace(/\\/g, '/');
  if (isAbsolute(path)) {
    if (!workspacePath) return null;
    path = relative(workspacePath, path).replace(/\\/g, '/');
  }
  const normal = posix.normalize(path);
  return normal === '.' || normal.startsWith('../') || normal === '..' ? null : normal;
}

/** Lines worth matching on: something other than braces, punctuation and whitespace. */
const isSignificant = (line: string) => /[\p{L}\p{N}]/u.test(line);

function keysOf(lines: readonly string[]): string[] {
  const trimmed = lines.map((line) => line.trim());
  const significant = trimmed.filter(isSignificant);
  return significant.length > 0 ? significant : trimmed.filter((line) => line !== '');
}

/**
 * Which agent step made each hunk of a file. A hunk's added lines are credited to the calls
 * that wrote them (edit_file's new_text less the lines its old_text had too, write_file's
 * content); the call credited with the most lines wins, the latest on a tie. A write_file
 * that lacks a line voids the claims of the calls before it. A hunk that only removes lines
 * goes to the call that took them out (in edit_file's old_text but not its new_text; absent
 * from write_file's content). Hunks no call explains were made by hand (or by a command).
 */
export function attributeHunks(edits: readonly FileEdit[], path: string, hunks: readonly ProvenanceHunk[]): HunkProvenance[] {
  const onFile = edits.filter((edit) => edit.path === path).sort((a, b) => b.seq - a.seq);
  return hunks.map((hunk) => {
    const adds = keysOf(hunk.added);
    const best = adds.length > 0 ? (bestWriter(onFile, adds) ?? bestFragmentWriter(onFile, adds)) : bestRemover(onFile, keysOf(hunk.removed));
    if (!best) return { byHand: true };
    return { byHand: false, step: best.step, callId: best.callId, toolName: best.toolName, precedingText: best.precedingText };
  });
}

/** `edits` newest first. */
function bestWriter(edits: readonly FileEdit[], keys: readonly string[]): FileEdit | null {
  const blocked = new Set<string>();
  let best: { edit: FileEdit; score: number } | null = null;
  for (const edit of edits) {
    const written = new Set(edit.written.map((line) => line.trim()));
    // Lines edit_file kept (in old_text and new_text alike) are context it matched on, not its work.
    const kept = new Set(edit.replaced.map((line) => line.trim()));
    const score = keys.filter((key) => !blocked.has(key) && written.has(key) && !kept.has(key)).length;
    if (score > 0 && (!best || score > best.score)) best = { edit, score };
    if (edit.toolName === 'write_file') for (const key of keys) if (!written.has(key)) blocked.add(key);
  }
  return best?.edit ?? null;
}

/** Shorter pieces of a line say too little about who wrote it ("a", "x =", ...). */
const minFragmentLength = 4;

/**
 * Fallback for edits inside a line: edit_file's new_text is often part of a line
 * (`"Hello "` → `"Hi there, "`), which no whole line of the hunk equals. An added line that
 * contains such a piece (significant, not also in old_text) is credited to that call; the
 * call with the most such lines wins, the latest on a tie. A later write_file that lacks the
 * line voids earlier claims, as for whole lines.
 */
function bestFragmentWriter(edits: readonly FileEdit[], keys: readonly string[]): FileEdit | null {
  const blocked = new Set<string>();
  let best: { edit: FileEdit; score: number } | null = null;
  for (const edit of edits) {
    if (edit.toolName === 'edit_file') {
      const replaced = edit.replaced.join('\n');
      const fragments = edit.written
        .map((line) => line.trim())
        .filter((fragment) => fragment.length >= minFragmentLength && isSignificant(fragment) && !replaced.includes(fragment));
      const score = keys.filter((key) => !blocked.has(key) && fragments.some((fragment) => key.includes(fragment))).length;
      if (score > 0 && (!best || score > best.score)) best = { edit, score };
    } else {
      const written = new Set(edit.written.map((line) => line.trim()));
      for (const key of keys) if (!written.has(key)) blocked.add(key);
    }
  }
  return best?.edit ?? null;
}

function bestRemover(edits: readonly FileEdit[], keys: readonly string[]): FileEdit | null {
  if (keys.length === 0) return null;
  let best: { edit: FileEdit; score: number } | null = null;
  for (const edit of edits) {
    const written = new Set(edit.written.map((line) => line.trim()));
    const replaced = new Set(edit.replaced.map((line) => line.trim()));
    const removes = (key: string) => !written.has(key) && (edit.toolName === 'write_file' || replaced.has(key));
    const score = keys.filter(removes).length;
    if (score > 0 && (!best || score > best.score)) best = { edit, score };
  }
  return best?.edit ?? null;
}

/** A diff hunk as provenance needs it. */
export const provenanceHunk = (hunk: Hunk): ProvenanceHunk => ({ added: addedLines(hunk), removed: removedLines(hunk) });
