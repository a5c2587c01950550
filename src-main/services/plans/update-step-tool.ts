import { z } from 'zod';
import { describeIssues, stepStatusSchema, validationIssues, type PlanPin, type PlanVersion, type StepStatus } from '../../../src-shared/contract';
import { toolInputSchema, type LoopTool } from '../agents/loop-tools';

export const updateStepInput = z
  .object({
    stepId: z.string().trim().min(1, 'must not be empty').max(10, 'is a step id like S1').describe('One of your steps, e.g. "S1".'),
    status: stepStatusSchema.describe('pending, in_progress (you started it), done (finished) or skipped (not needed: say why in the note).'),
    note: z.string().trim().max(4000, 'must be at most 4000 characters').optional().describe('For the reviewer: what you decided or could not do. Omitted: the step keeps its note.'),
  })
  .strict();

const description =
  'Mark one of your plan steps: in_progress when you start it, done when it is finished, skipped when it turns out not to be needed ' +
  '(say why in the note). The user sees the checklist live and the reviewer reads the notes. Only the steps assigned to this task can be marked.';

export interface UpdateStepHandlers {
  /** The implement task's pin and the plan version it pins. */
  pin: PlanPin;
  plan: PlanVersion;
  /** The title of the implement task that has a step of the plan that is not this task's, if any. */
  ownerOf(stepId: string): string | null;
  /** Stores the step's progress (and tells everyone); the note is the one to keep. */
  update(stepId: string, status: StepStatus, note: string | null): void;
  /** The step's current note, kept when the call has none. */
  noteOf(stepId: string): string | null;
}

/**
 * `update_step` for one run of an implement task pinned to a plan: marks a pinned step. A step
 * of the plan that is another task's, one the plan does not have, or invalid arguments are
 * refused back to the model with the reason; nothing is stored then.
 */
export function createUpdateStepTool(handlers: UpdateStepHandlers): LoopTool {
  const { pin, plan } = handlers;
  const yours = `Your steps are ${pin.stepIds.join(', ')}; nothing was updated.`;
  return {
    definition: { name: 'update_step', description, inputSchema: toolInputSchema(updateStepInput) },
    // Stored synchronously; nothing here waits, so Stop has nothing to cut.
    async run(args) {
      const parsed = updateStepInput.safeParse(args);
      if (!parsed.success) {
        const problems = describeIssues(validationIssues(parsed.error), '(arguments)');
        return { kind: 'result', isError: true, text: `update_step was not applied:\n${problems.map((line) => `- ${line}`).join('\n')}\n${yours}` };
      }
      const { stepId, status } = parsed.data;
      if (!pin.stepIds.includes(stepId)) {
        const inPlan = plan.plan.steps.some((step) => step.id === stepId);
        if (!inPlan) return { kind: 'result', isError: true, text: `${stepId} is not a step of plan v${plan.version}. ${yours}` };
        const owner = handlers.ownerOf(stepId);
        return {
          kind: 'result',
          isError: true,
          text: `${stepId} is not one of your steps: ${owner ? `it is assigned to the task "${owner}", which implements it in parallel` : 'it is not assigned to this task'}. ${yours}`,
        };
      }
      const note = parsed.data.note === undefined ? handlers.noteOf(stepId) : parsed.data.note || null;
      handlers.update(stepId, status, note);
      return { kind: 'result', isError: false, text: `${stepId} is now ${status.replace('_', ' ')}${note ? ` (note: ${note})` : ''}.` };
    },
  };
}
