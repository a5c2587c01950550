import type { DiffSide } from './MonacoDiff';

/**
 * The one side a created or deleted file has, with its text; null when the file exists on
 * both sides (a real diff). A created file has no old text at all, which a diff editor can
 * only show as one empty removed line.
 */
export function oneSidedFile(diff: { status: string; oldText?: string; newText?: string }): { side: DiffSide; text: string } | null {
  if ((diff.status === 'added' || diff.status === 'untracked') && !diff.oldText) return { side: 'new', text: diff.newText ?? '' };
  if (diff.status === 'deleted' && !diff.newText) return { side: 'old', text: diff.oldText ?? '' };
  return null;
}
