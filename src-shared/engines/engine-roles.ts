import { engineLabel, type Engine, type TaskRole } from '../contract';

/**
 * A plan task ends by handing in its plan (`submit_plan`) and a review task by handing in its
 * review (`submit_review`): without those tools the pipeline's gate is never reached and the task
 * can never finish its role. Braid's own agent gets them in its loop, an ACP agent through the MCP
 * server Braid gives its session (every ACP agent runs MCP servers, over stdio at least). A CLI
 * without ACP, in its own terminal, gets no MCP server from Braid: such a task is refused rather
 * than created to wait forever. Read by the host (`tasks.create`, `reviews.start`, a run) and by
 * the new-task dialog, so the user is told before submitting.
 */
export function engineRoleRefusal(engine: Engine, role: TaskRole): string | null {
  if (engine.kind !== 'tui') return null;
  if (role !== 'plan' && role !== 'review') return null;
  const artifact = role === 'plan' ? 'plan (submit_plan)' : 'review (submit_review)';
  return `${engineLabel(engine)} cannot run a ${role} task: a ${role} task ends by handing in its ${artifact}, a tool of Braid’s that a CLI in its own terminal (no ACP) cannot be given. Choose Braid’s agent or an ACP agent for this ${role} task, or make it an implement task.`;
}
