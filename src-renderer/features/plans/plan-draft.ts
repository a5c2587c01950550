import type { Plan, ValidationIssue } from '../../../src-shared/contract';

/**
 * A plan as the editor's fields hold it: lists as one entry per line, dependencies as a
 * comma-separated list. The host validates what comes out (`plans.edit`), so the draft only
 * reshapes text and never decides what is valid.
 */
export interface StepDraft {
  id: string;
  title: string;
  detail: string;
  files: string;
  dependsOn: string;
  parallelGroup: string;
}

export interface CriterionDraft {
  id: string;
  text: string;
  verify: string;
}

export interface PlanDraft {
  title: string;
  summary: string;
  context: string;
  assumptions: string;
  steps: StepDraft[];
  constraints: string;
  criteria: CriterionDraft[];
  risks: string;
  openQuestions: string;
}

export const listFields = ['assumptions', 'constraints', 'risks', 'openQuestions'] as const;
export type ListField = (typeof listFields)[number];

const lines = (items: readonly string[]) => items.join('\n');
const fromLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export function toDraft(plan: Plan): PlanDraft {
  return {
    title: plan.title,
    summary: plan.summary,
    context: plan.context,
    assumptions: lines(plan.assumptions),
    steps: plan.steps.map((step) => ({
      id: step.id,
      title: step.title,
      detail: step.detail,
      files: lines(step.files),
      dependsOn: step.dependsOn.join(', '),
      parallelGroup: step.parallelGroup ?? '',
    })),
    constraints: lines(plan.constraints),
    criteria: plan.acceptanceCriteria.map((criterion) => ({ ...criterion })),
    risks: lines(plan.risks),
    openQuestions: lines(plan.openQuestions),
  };
}

/** The plan the draft describes, for the host to validate. */
export function fromDraft(draft: PlanDraft): unknown {
  return {
    title: draft.title,
    summary: draft.summary,
    context: draft.context,
    assumptions: fromLines(draft.assumptions),
    steps: draft.steps.map((step) => ({
      id: step.id.trim(),
      title: step.title,
      detail: step.detail,
      files: fromLines(step.files),
      dependsOn: step.dependsOn
        .split(/[,\s]+/)
        .map((id) => id.trim())
        .filter(Boolean),
      ...(step.parallelGroup.trim() ? { parallelGroup: step.parallelGroup.trim() } : {}),
    })),
    constraints: fromLines(draft.constraints),
    acceptanceCriteria: draft.criteria.map((criterion) => ({ id: criterion.id.trim(), text: criterion.text, verify: criterion.verify })),
    risks: fromLines(draft.risks),
    openQuestions: fromLines(draft.openQuestions),
  };
}

/** The next free id of a kind: one more than the highest number used (`S4` after S1–S3). */
export function nextId(prefix: 'S' | 'AC', ids: readonly string[]): string {
  const numbers = ids.map((id) => Number(new RegExp(`^${prefix}(\\d+)$`).exec(id.trim())?.[1] ?? 0));
  return `${prefix}${Math.max(0, ...numbers) + 1}`;
}

/**
 * The host's problems by editor field: `steps.1.files` for any problem inside step 2's files,
 * `criteria.0.verify`, `risks` for any line of the risks, `plan` for the plan as a whole.
 */
export function issuesByField(issues: readonly ValidationIssue[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const [first, index, field] = issue.path;
    let key: string;
    if ((first === 'steps' || first === 'acceptanceCriteria') && typeof index === 'number') {
      const list = first === 'steps' ? 'steps' : 'criteria';
      key = typeof field === 'string' ? `${list}.${index}.${field}` : `${list}.${index}`;
    } else if (typeof first === 'string') {
      key = first === 'acceptanceCriteria' ? 'criteria' : first;
    } else {
      key = 'plan';
    }
    byField.set(key, [...(byField.get(key) ?? []), issue.message]);
  }
  return byField;
}
