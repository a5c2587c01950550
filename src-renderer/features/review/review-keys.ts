import { isTypingTarget } from '../../ui/typing-target';

/** DiffLens keys, shown in tooltips and the help line; handled by `useReviewKeys`. */
export const reviewKeys = {
  nextFile: 'J',
  previousFile: 'K',
  nextHunk: 'N',
  previousHunk: 'P',
  comment: 'C',
  /** Opens or closes DiffLens from anywhere. */
  toggleReview: 'Alt+R',
} as const;

export type ReviewKeyAction = 'nextFile' | 'previousFile' | 'nextHunk' | 'previousHunk' | 'comment';

const bindings: Record<string, ReviewKeyAction> = { j: 'nextFile', k: 'previousFile', n: 'nextHunk', p: 'previousHunk', c: 'comment' };

interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey?: boolean;
  target: EventTarget | null;
}

/**
 * The DiffLens action for a key press, or null. Never while typing: inputs, text areas,
 * selects and editable content keep their keys — except Monaco's read-only diff, where
 * nothing can be typed anyway.
 */
export function reviewKeyAction(event: KeyLike): ReviewKeyAction | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const action = bindings[event.key.toLowerCase()];
  if (!action) return null;
  return isTypingHere(event.target) ? null : action;
}

/** Monaco's read-only diff is a text area nothing can be typed into: its keys stay DiffLens's. */
function isTypingHere(target: EventTarget | null): boolean {
  if (target && typeof (target as Element).closest === 'function' && (target as Element).closest('.monaco-diff')) return false;
  return isTypingTarget(target);
}
