import { describe, expect, it } from 'vitest';
import { pullRequestText } from './pull-request-text';

describe('the pull request’s title and body from the task', () => {
  it('has the goal, the plan’s summary, the files changed and the review’s verdict', () => {
    const text = pullRequestText({
      taskTitle: 'Dark mode',
      goal: 'Add a dark theme that follows the OS.',
      branch: 'braid/dark-mode-abc123',
      plan: { summary: 'Theme tokens, then a media query.', source: 'From plan v2 of “Theming”, steps S1, S2.' },
      files: [
        { path: 'src/theme.css', status: 'M', additions: 12, deletions: 3 },
        { path: 'logo-dark.png', status: 'A', additions: null, deletions: null },
        { path: 'src/colors.ts', oldPath: 'src/palette.ts', status: 'R', additions: 1, deletions: 1 },
      ],
      review: { verdict: 'correct', confidence: 0.8, explanation: 'Looks right.', openBlocking: 0 },
    });
    expect(text.title).toBe('Dark mode');
    expect(text.body).toBe(
      [
        '## Goal\n\nAdd a dark theme that follows the OS.',
        '## Plan\n\nTheme tokens, then a media query.\n\n_From plan v2 of “Theming”, steps S1, S2._',
        '## Files changed (3)\n\n- `src/theme.css` +12 −3\n- `logo-dark.png` binary\n- `src/colors.ts` (from `src/palette.ts`) +1 −1',
        '## Review\n\nVerdict: **correct** (confidence 0.80). No open P0/P1 findings.\n\nLooks right.',
        '---\nOpened from Braid: task “Dark mode”, branch `braid/dark-mode-abc123`.\n',
      ].join('\n\n'),
    );
  });

  it('leaves out what the task does not have, and caps a long file list', () => {
    const files = Array.from({ length: 105 }, (_, i) => ({ path: `f${i}.txt`, status: 'A', additions: 1, deletions: 0 }));
    const text = pullRequestText({ taskTitle: 'Bulk', goal: '', branch: 'braid/bulk', plan: null, files, review: null });
    expect(text.body).toContain('## Goal\n\nBulk');
    expect(text.body).not.toContain('## Plan');
    expect(text.body).not.toContain('## Review');
    expect(text.body).toContain('## Files changed (105)');
    expect(text.body).toContain('- `f99.txt` +1 −0\n- … and 5 more');
  });
});
