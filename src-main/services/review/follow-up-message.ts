import type { ReviewCommentRow } from '../store/review-comment-repository';

/**
 * The follow-up a reviewer would write by hand: each comment as "path:line — text", with
 * the line it is about quoted below it so the agent does not have to guess.
 */
export function composeFollowUpText(comments: readonly Pick<ReviewCommentRow, 'path' | 'line' | 'side' | 'text' | 'anchorText'>[]): string {
  const heading =
    comments.length === 1
      ? 'I reviewed your changes and left a comment. Please address it:'
      : `I reviewed your changes and left ${comments.length} comments. Please address each one:`;
  const items = comments.map((comment, index) => {
    const where = `${comment.path}:${comment.line}${comment.side === 'old' ? ' (a line you removed)' : ''}`;
    const [first, ...rest] = comment.text.split('\n');
    const text = [first, ...rest.map((line) => `   ${line}`)].join('\n');
    const quoted = comment.anchorText === null ? '' : `\n   > ${comment.anchorText.trim() === '' ? '(blank line)' : comment.anchorText.trim()}`;
    return `${index + 1}. ${where} — ${text}${quoted}`;
  });
  return `${heading}\n\n${items.join('\n')}`;
}
