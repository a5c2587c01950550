import type { ConflictFileView, ConflictResolutionInput } from '../../../src-shared/contract';
import { hasConflictMarkers, settleConflictBlocks, type BlockChoice } from './conflict-markers';

/**
 * The user's decision for one conflicted file. `ours`/`theirs`/`delete` are sent as such (the
 * host takes the exact blob, mode and deletion); `edit` sends the text in the result editor.
 */
export type FileChoice = 'ours' | 'theirs' | 'delete' | 'edit';

export interface FileResolution {
  choice: FileChoice | null;
  /** What the result editor shows. */
  text: string;
}

export type ResolutionState = Readonly<Record<string, FileResolution>>;

export type ResolutionAction =
  | { type: 'reset'; files: readonly ConflictFileView[] }
  | { type: 'take'; file: ConflictFileView; side: 'ours' | 'theirs' }
  | { type: 'delete'; path: string }
  | { type: 'edit'; path: string; text: string }
  | { type: 'settleBlocks'; path: string; choice: BlockChoice }
  | { type: 'restoreMerged'; file: ConflictFileView };

/** Whether the file can be edited as text here (binary or too-large sides cannot). */
export function isTextConflict(file: ConflictFileView): boolean {
  const sides = [file.ours, file.theirs, file.base].filter((side) => side !== null);
  return sides.every((side) => !side.binary && side.text !== null);
}

/** Where the editor starts: git's merged text with markers, else whichever side exists. */
export function startingText(file: ConflictFileView): string {
  return file.merged ?? file.theirs?.text ?? file.ours?.text ?? '';
}

export function initialResolutions(files: readonly ConflictFileView[]): ResolutionState {
  return Object.fromEntries(files.map((file) => [file.path, { choice: null, text: startingText(file) }]));
}

export function resolutionReducer(state: ResolutionState, action: ResolutionAction): ResolutionState {
  switch (action.type) {
    case 'reset':
      return initialResolutions(action.files);
    case 'take': {
      const side = action.file[action.side];
      // A side that deleted the file leaves an empty editor; sending `take` deletes it.
      const text = side?.text ?? (side === null ? '' : (state[action.file.path]?.text ?? ''));
      return { ...state, [action.file.path]: { choice: action.side, text } };
    }
    case 'delete':
      return { ...state, [action.path]: { choice: 'delete', text: '' } };
    case 'edit':
      return { ...state, [action.path]: { choice: 'edit', text: action.text } };
    case 'settleBlocks': {
      const current = state[action.path];
      if (!current) return state;
      return { ...state, [action.path]: { choice: 'edit', text: settleConflictBlocks(current.text, action.choice) } };
    }
    case 'restoreMerged':
      return { ...state, [action.file.path]: { choice: null, text: startingText(action.file) } };
  }
}

/**
 * Resolved when a side (or deletion) was chosen, or when the edited result has no conflict
 * markers left. An untouched file is never resolved by default, even without markers (a
 * modify/delete conflict has none, and still needs a decision).
 */
export function isFileResolved(file: ConflictFileView, resolution: FileResolution | undefined): boolean {
  if (!resolution || resolution.choice === null) return false;
  if (resolution.choice !== 'edit') return true;
  return !hasConflictMarkers(resolution.text, [file.base?.text, file.ours?.text, file.theirs?.text]);
}

export function unresolvedPaths(files: readonly ConflictFileView[], state: ResolutionState): string[] {
  return files.filter((file) => !isFileResolved(file, state[file.path])).map((file) => file.path);
}

/** One resolution per conflicted file for `merge.resolve`, or the files still unresolved. */
export function buildResolutions(
  files: readonly ConflictFileView[],
  state: ResolutionState,
): { ok: true; resolutions: ConflictResolutionInput[] } | { ok: false; unresolved: string[] } {
  const unresolved = unresolvedPaths(files, state);
  if (unresolved.length > 0) return { ok: false, unresolved };
  const resolutions = files.map((file): ConflictResolutionInput => {
    const resolution = state[file.path] as FileResolution;
    switch (resolution.choice) {
      case 'ours':
      case 'theirs':
        return { path: file.path, take: resolution.choice };
      case 'delete':
        return { path: file.path, delete: true };
      default:
        return { path: file.path, content: resolution.text };
    }
  });
  return { ok: true, resolutions };
}

/** What the file list says about a file's state, in words. */
export function resolutionLabel(file: ConflictFileView, resolution: FileResolution | undefined): string {
  if (!resolution || resolution.choice === null) return 'unresolved';
  if (resolution.choice === 'ours') return 'taking ours';
  if (resolution.choice === 'theirs') return 'taking theirs';
  if (resolution.choice === 'delete') return 'deleting';
  return isFileResolved(file, resolution) ? 'edited' : 'markers left';
}
