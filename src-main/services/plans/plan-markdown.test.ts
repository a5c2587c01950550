import { describe, expect, it } from 'vitest';
import { planSchema, type Plan } from '../../../src-shared/contract';
import { samplePlan } from '../../testing/sample-plan';
import { planContent } from './plan-content';
import { codeSpan, renderPlanMarkdown } from './plan-markdown';

const plan = (overrides: Record<string, unknown> = {}): Plan => planSchema.parse(samplePlan(overrides));

describe('a plan as Markdown', () => {
  it('has the title, summary, each section in order, steps with their files, dependencies and group, and criteria with how to verify them', () => {
    expect(renderPlanMarkdown(plan())).toBe(
      [
        '# Group the navigation',
        '',
        'Group the flat navigation list into three sections.',
        '',
        '## Context',
        '',
        'src/nav.ts renders every item in one flat list.',
        '',
        '## Assumptions',
        '',
        '- The item names stay as they are',
        '',
        '## Steps',
        '',
        '### S1. Group the items',
        '',
        'Split the list into Work, Play and Settings.',
        '',
        '- Files: `src/nav.ts`',
        '',
        '### S2. Mobile menu',
        '',
        'Show the groups as a collapsible menu.',
        '',
        '- Files: `src/menu/`',
        '- Depends on: S1',
        '- Parallel group: ui',
        '',
        '## Constraints',
        '',
        '- Keep the public API of nav.ts',
        '',
        '## Acceptance criteria',
        '',
        '- **AC1** Three groups show in the sidebar',
        '  Verify: `npm test -- nav`',
        '- **AC2** The menu collapses on a phone',
        '  Verify: manual',
        '',
      ].join('\n'),
    );
  });

  it('leaves empty sections out and lists risks and open questions when there are some', () => {
    const bare = renderPlanMarkdown(plan({ context: '', assumptions: [], constraints: [], risks: ['Users lose muscle memory'], openQuestions: ['Icons too?'] }));
    expect(bare).not.toContain('## Context');
    expect(bare).not.toContain('## Assumptions');
    expect(bare).not.toContain('## Constraints');
    expect(bare.indexOf('## Risks\n\n- Users lose muscle memory')).toBeGreaterThan(bare.indexOf('## Acceptance criteria'));
    expect(bare.endsWith('## Open questions\n\n- Icons too?\n')).toBe(true);
  });

  it('is the same text and hash for the same plan written in another key order, and differs when a word changes', () => {
    const original = samplePlan();
    const reordered = Object.fromEntries(Object.entries(original).reverse());
    expect(renderPlanMarkdown(planSchema.parse(reordered))).toBe(renderPlanMarkdown(plan()));
    // The hash is of the canonical JSON, whatever order the keys come in (not only after zod rebuilt the object).
    expect(planContent(reordered as Plan).contentHash).toBe(planContent(plan()).contentHash);
    expect(planContent(plan({ title: 'Group the nav' })).contentHash).not.toBe(planContent(plan()).contentHash);
    expect(planContent(plan()).contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a multi-line list item inside its item, a heading on one line, and backticks in a path inside its code span', () => {
    const text = renderPlanMarkdown(plan({ title: 'Two\nlines', risks: ['First line\nsecond line'] }));
    expect(text.startsWith('# Two lines\n')).toBe(true);
    expect(text).toContain('- First line\n  second line');
    expect(codeSpan('weird`name.ts')).toBe('``weird`name.ts``');
    expect(codeSpan('`edge`')).toBe('`` `edge` ``');
  });
});
