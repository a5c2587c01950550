import { z } from 'zod';
import { idSchema } from './id';

/**
 * Plan artifacts (R1): what a plan task's agent submits with `submit_plan`, the versions it is
 * stored as, and the decisions the user takes at the gate. The same schema validates the model's
 * payload (so its errors name the field and the reason) and a user's edit.
 */
export const planStepIdSchema = z.string().regex(/^S[1-9]\d{0,2}$/, 'step ids are S1, S2, … (S and a number)');
export const criterionIdSchema = z.string().regex(/^AC[1-9]\d{0,2}$/, 'criterion ids are AC1, AC2, … (AC and a number)');

const line = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const list = (max: number, itemMax = 2000) => z.array(line(itemMax)).max(max, `at most ${max} entries`);

export const planStepSchema = z
  .object({
    id: planStepIdSchema,
    title: line(200),
    detail: z.string().trim().max(8000, 'must be at most 8000 characters'),
    /** Paths the step expects to touch, relative to the repository root (a folder ends with /, globs allowed). */
    files: z.array(line(1024)).max(200, 'at most 200 files'),
    dependsOn: z.array(planStepIdSchema).max(50, 'at most 50 steps'),
    /** Steps sharing a group can be implemented in parallel, in separate tasks. */
    parallelGroup: line(60).optional(),
  })
  .strict();
export type PlanStep = z.infer<typeof planStepSchema>;

export const acceptanceCriterionSchema = z
  .object({
    id: criterionIdSchema,
    text: line(2000),
    /** A command that checks it, or "manual". */
    verify: line(2000),
  })
  .strict();
export type AcceptanceCriterion = z.infer<typeof acceptanceCriterionSchema>;

export const planSchema = z
  .object({
    title: line(200),
    summary: line(8000),
    context: z.string().trim().max(20000, 'must be at most 20000 characters'),
    assumptions: list(50),
    steps: z.array(planStepSchema).min(1, 'a plan needs at least one step').max(100, 'at most 100 steps'),
    constraints: list(50),
    acceptanceCriteria: z.array(acceptanceCriterionSchema).min(1, 'a plan needs at least one acceptance criterion').max(100, 'at most 100 criteria'),
    risks: list(50),
    openQuestions: list(50),
  })
  .strict()
  .superRefine((plan, context) => {
    const stepIds = new Set<string>();
    plan.steps.forEach((step, index) => {
      if (stepIds.has(step.id)) context.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `${step.id} is used by more than one step` });
      stepIds.add(step.id);
    });
    plan.steps.forEach((step, index) =>
      step.dependsOn.forEach((dependency, at) => {
        if (dependency === step.id) context.addIssue({ code: 'custom', path: ['steps', index, 'dependsOn', at], message: `${step.id} cannot depend on itself` });
        else if (!stepIds.has(dependency)) context.addIssue({ code: 'custom', path: ['steps', index, 'dependsOn', at], message: `${dependency} is not a step of this plan` });
      }),
    );
    const cycle = findDependencyCycle(plan.steps);
    if (cycle) context.addIssue({ code: 'custom', path: ['steps'], message: `the steps depend on each other in a cycle: ${cycle.join(' → ')}` });
    const criterionIds = new Set<string>();
    plan.acceptanceCriteria.forEach((criterion, index) => {
      if (criterionIds.has(criterion.id)) context.addIssue({ code: 'custom', path: ['acceptanceCriteria', index, 'id'], message: `${criterion.id} is used by more than one criterion` });
      criterionIds.add(criterion.id);
    });
  });
export type Plan = z.infer<typeof planSchema>;

/** The first dependency cycle among the steps (ids, closing on the first), or null. */
export function findDependencyCycle(steps: readonly Pick<PlanStep, 'id' | 'dependsOn'>[]): string[] | null {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const next of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(next) || next === id) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const step of steps) {
    const cycle = visit(step.id);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * `proposed`: waiting at the gate. `changes_requested` and `rejected`: the user's answer.
 * `superseded`: a later version replaced it before the user decided. Only the latest version,
 * when `approved`, can start implementation.
 */
export const planVersionStatuses = ['proposed', 'approved', 'changes_requested', 'rejected', 'superseded'] as const;
export const planVersionStatusSchema = z.enum(planVersionStatuses);
export type PlanVersionStatus = z.infer<typeof planVersionStatusSchema>;

/** A comment on one step or criterion of a version (or on the plan as a whole). */
export const planCommentSchema = z
  .object({
    target: z.union([planStepIdSchema, criterionIdSchema, z.literal('plan')]),
    text: line(4000),
  })
  .strict();
export type PlanComment = z.infer<typeof planCommentSchema>;

export const planDecisionSchema = z.object({
  kind: z.enum(['approved', 'changes_requested', 'rejected']),
  at: z.number(),
  message: z.string().nullable(),
  comments: z.array(planCommentSchema),
});
export type PlanDecision = z.infer<typeof planDecisionSchema>;

export const planVersionSchema = z.object({
  taskId: idSchema,
  version: z.number().int().positive(),
  author: z.enum(['agent', 'user']),
  plan: planSchema,
  /** The plan rendered as Markdown, stored with it (what the agent and the repository get). */
  markdown: z.string(),
  /** sha256 of the canonical plan JSON. */
  contentHash: z.string(),
  status: planVersionStatusSchema,
  decision: planDecisionSchema.nullable(),
  createdAt: z.number(),
});
export type PlanVersion = z.infer<typeof planVersionSchema>;

/** An implement task's pin: the approved plan version and the steps it implements. */
export const planPinSchema = z.object({
  planTaskId: idSchema,
  version: z.number().int().positive(),
  stepIds: z.array(planStepIdSchema).min(1),
});
export type PlanPin = z.infer<typeof planPinSchema>;

export const stepStatuses = ['pending', 'in_progress', 'done', 'skipped'] as const;
export const stepStatusSchema = z.enum(stepStatuses);
export type StepStatus = z.infer<typeof stepStatusSchema>;

/** One step's progress in one implement task. */
export const stepProgressSchema = z.object({
  taskId: idSchema,
  stepId: planStepIdSchema,
  status: stepStatusSchema,
  note: z.string().nullable(),
  updatedAt: z.number(),
});
export type StepProgress = z.infer<typeof stepProgressSchema>;
