/**
 * A valid plan as a model would submit it with `submit_plan`, for tests and e2e specs; `revise`
 * gives the next version (a step reworded, one added) so diffs and gates have two to compare.
 */
export function samplePlan(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Group the navigation',
    summary: 'Group the flat navigation list into three sections.',
    context: 'src/nav.ts renders every item in one flat list.',
    assumptions: ['The item names stay as they are'],
    steps: [
      { id: 'S1', title: 'Group the items', detail: 'Split the list into Work, Play and Settings.', files: ['src/nav.ts'], dependsOn: [] },
      { id: 'S2', title: 'Mobile menu', detail: 'Show the groups as a collapsible menu.', files: ['src/menu/'], dependsOn: ['S1'], parallelGroup: 'ui' },
    ],
    constraints: ['Keep the public API of nav.ts'],
    acceptanceCriteria: [
      { id: 'AC1', text: 'Three groups show in the sidebar', verify: 'npm test -- nav' },
      { id: 'AC2', text: 'The menu collapses on a phone', verify: 'manual' },
    ],
    risks: [],
    openQuestions: [],
    ...overrides,
  };
}

/** The plan after the user's feedback on S2: the menu step reworded and a test step added. */
export function revisedSamplePlan() {
  const plan = samplePlan();
  return {
    ...plan,
    steps: [
      plan.steps[0],
      { id: 'S2', title: 'Mobile drawer', detail: 'Show the groups in a drawer that slides in from the left.', files: ['src/menu/'], dependsOn: ['S1'], parallelGroup: 'ui' },
      { id: 'S3', title: 'Test the groups', detail: 'Cover the grouping in nav.test.ts.', files: ['src/nav.test.ts'], dependsOn: ['S1'] },
    ],
  };
}

/** A scripted model turn that submits `plan` (a call of `submit_plan`). */
export function submitPlanTurn(plan: unknown, id?: string) {
  return { text: 'Here is my plan.', toolCalls: [{ ...(id ? { id } : {}), name: 'submit_plan', args: plan }] };
}
