import { formatPatch, structuredPatch } from 'diff';

export interface PlanTextDiff {
  /** A unified diff (`--- v1` / `+++ v2` headers, three lines of context); empty when equal. */
  text: string;
  added: number;
  removed: number;
}

/**
 * The line diff of two versions' Markdown, computed in process with jsdiff (Myers, like git's
 * default): no temporary files, no git process, and the same answer for the same texts.
 */
export function planTextDiff(from: { version: number; markdown: string }, to: { version: number; markdown: string }): PlanTextDiff {
  if (from.markdown === to.markdown) return { text: '', added: 0, removed: 0 };
  const patch = structuredPatch(`v${from.version}`, `v${to.version}`, from.markdown, to.markdown, undefined, undefined, { context: 3 });
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added += 1;
      else if (line.startsWith('-')) removed += 1;
    }
  }
  return { text: formatPatch(patch, { includeIndex: false, includeUnderline: false, includeFileHeaders: true }), added, removed };
}
