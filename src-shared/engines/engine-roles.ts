import { engineLabel, type Engine, type TaskRole } from '../contract';

/**
 * A plan task ends by handing in its plan (`submit_plan`) and a review task by handing in its
 * review (`submit_review`): without those tools the pipeline's gate is never reached and the task
 * can never finish its role. Braid's own agent gets them in its loop; an external agent does not
 * get them yet, so such a task is refused rather than created to wait forever. Read by the host
 * (`tasks.create`, a run) and by the new-task dialog, so the user is told before submitting.
 */
export function engineRoleRefusal(engine: Engine, role: TaskRole): string | null {
  if (engine.kind === 'braid') return null;
  if (role !== 'plan' && role !== 'review') return null;
  const artifact = role === 'plan' ? 'plan (submit_plan)' : 'review (submit_review)';
  return `${engineLabel(engine)} cannot run a ${role} task: a ${role} task ends by handing in its ${artifact}, a tool only Braid’s own agent gets. Choose Braid’s agent for this ${role} task, or make it an implement task.`;
}
