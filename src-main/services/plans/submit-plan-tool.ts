import type { JSONSchema7 } from 'ai';
import { describeIssues, planSchema, validationIssues, type Plan, type PlanVersion } from '../../../src-shared/contract';
import { invalidSubmissions } from '../agents/invalid-submissions';
import { toolInputSchema, type LoopTool } from '../agents/loop-tools';

/** Invalid submissions in a row after which the task fails: the model is not converging. */
export const maxInvalidPlanSubmissions = 3;

export interface SubmitPlanHandlers {
  /** Stores a valid plan as the task's next version. */
  accept(plan: Plan): PlanVersion;
  /** An invalid submission: the `attempt`-th in a row; `final` when the task fails with it. */
  refused(attempt: number, issues: string[], final: boolean): void;
}

const description = [
  'Submit your plan for the user\'s approval. This ends your run: the user approves it, edits it, requests changes (their feedback comes back to you as a message; then submit the whole revised plan again) or rejects it.',
  'Fields: title; summary (what changes and why); context (what you learned from the code); assumptions[]; steps[] of { id "S1", "S2", …; title; detail (what to do); files[] (paths it expects to touch, relative to the repository root, a folder ends with /); dependsOn[] (ids of steps that must be done first); parallelGroup? (steps sharing a group can be implemented in parallel by separate agents) };',
  'constraints[]; acceptanceCriteria[] of { id "AC1", "AC2", …; text (an observable outcome); verify (a command that checks it, or "manual") }; risks[]; openQuestions[]. Lists may be empty but must be present.',
  'An invalid plan is refused with each problem as "field: why"; fix exactly those and submit again.',
].join(' ');

const fieldDescriptions: Record<string, string> = {
  title: 'What the plan achieves, in a few words.',
  summary: 'What changes and why, in a sentence or two.',
  context: 'What you learned from the code that the implementer needs (may be empty).',
  steps: 'Small, reviewable steps in order; ids S1, S2, …',
  acceptanceCriteria: 'Observable outcomes; ids AC1, AC2, …; verify is a command or "manual".',
};

/** The plan schema for the model, with a word on the main fields. */
function submitPlanSchema(): JSONSchema7 {
  const schema = toolInputSchema(planSchema);
  for (const [field, text] of Object.entries(fieldDescriptions)) {
    const property = schema.properties?.[field];
    if (property && typeof property === 'object') property.description = text;
  }
  return schema;
}

/**
 * `submit_plan` for one run of a plan task. A valid plan becomes the next version and the run
 * ends at the gate (`plan_review`, "Plan v2 awaits approval"). An invalid one is refused back to
 * the model with every problem as "path: why" (the same schema validates a user's edit); the
 * third invalid submission in a row fails the task with the last problems. The count is the
 * run's, and a valid plan ends the run: Resume (or Retry) and the next revision start afresh.
 */
export function createSubmitPlanTool(handlers: SubmitPlanHandlers): LoopTool {
  const invalid = invalidSubmissions('plan', 'submit_plan', maxInvalidPlanSubmissions);
  return {
    definition: { name: 'submit_plan', description, inputSchema: submitPlanSchema() },
    // A plan is stored synchronously; nothing here waits, so Stop has nothing to cut.
    async run(args, context) {
      const parsed = planSchema.safeParse(args);
      if (!parsed.success) {
        const issues = describeIssues(validationIssues(parsed.error), '(plan)');
        const refusal = invalid.refuse(issues);
        handlers.refused(refusal.count, issues, refusal.final);
        return refusal.outcome;
      }
      const version = handlers.accept(parsed.data);
      context.record({ kind: 'plan_version', version: version.version, author: 'agent', title: version.plan.title, markdown: null });
      const { steps, acceptanceCriteria } = version.plan;
      return {
        kind: 'end',
        isError: false,
        text: `Plan v${version.version} submitted (${steps.length} steps, ${acceptanceCriteria.length} acceptance criteria). It now waits for the user's decision; this run ends here. If the user requests changes, their feedback comes to you as a message.`,
        run: { kind: 'plan_review', reason: `Plan v${version.version} awaits approval` },
      };
    },
  };
}
