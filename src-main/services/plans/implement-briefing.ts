import type { PlanVersion, StepChecklistItem } from '../../../src-shared/contract';

/** A step of the plan that is not this task's, and who implements it. */
export interface OtherStep {
  stepId: string;
  title: string;
  /** The implement task of the same version that has it; null: no task has it (any more). */
  taskTitle: string | null;
}

const stepLine = (plan: PlanVersion, stepId: string) => `${stepId}. ${plan.plan.steps.find((step) => step.id === stepId)?.title ?? ''}`.trim();

/** The title of an implement task unless the user gave one: "<plan title> — S1, S2" (within the 200 characters a title may have). */
export function implementTaskTitle(plan: PlanVersion, stepIds: readonly string[]): string {
  const suffix = ` — ${stepIds.join(', ')}`;
  const room = 200 - suffix.length;
  const title = plan.plan.title.length > room ? `${plan.plan.title.slice(0, Math.max(room - 1, 0))}…` : plan.plan.title;
  return `${title}${suffix}`.slice(0, 200);
}

/** The implement task's prompt (its first message): which steps of which plan, and to mark them as it goes. */
export function implementTaskPrompt(plan: PlanVersion, stepIds: readonly string[]): string {
  return [
    `Implement ${stepIds.length === 1 ? 'step' : 'steps'} ${stepIds.join(', ')} of the approved plan "${plan.plan.title}" (v${plan.version}):`,
    ...stepIds.map((stepId) => `- ${stepLine(plan, stepId)}`),
    '',
    'The whole plan and your checklist are in your instructions. Mark each step with update_step as you go.',
  ].join('\n');
}

const checkbox: Record<StepChecklistItem['status'], string> = { pending: '[ ]', in_progress: '[~]', done: '[x]', skipped: '[-]' };

/**
 * The implement task's part of the system prompt: the pinned plan version's Markdown, its own
 * steps as a checklist with their status when the run starts, the steps other tasks implement
 * in parallel (so it leaves them alone), dependencies that cross to them, and how to report.
 */
export function implementBriefing(plan: PlanVersion, planTaskTitle: string, checklist: readonly StepChecklistItem[], others: readonly OtherStep[]): string {
  const mine = new Set(checklist.map((item) => item.stepId));
  const sections = [
    `You implement an approved plan: v${plan.version} of the plan of the task "${planTaskTitle}". The plan, as approved:`,
    `<plan>\n${plan.markdown.trim()}\n</plan>`,
    [
      'Your steps (this task implements these and only these):',
      ...checklist.map((item) => `- ${checkbox[item.status]} ${stepLine(plan, item.stepId)} — ${item.status.replace('_', ' ')}${item.note ? ` (note: ${item.note})` : ''}`),
    ].join('\n'),
  ];
  if (others.length > 0) {
    const crossing = plan.plan.steps.flatMap((step) =>
      mine.has(step.id) ? step.dependsOn.filter((dependency) => !mine.has(dependency)).map((dependency) => `${step.id} depends on ${dependency}`) : [],
    );
    sections.push(
      [
        'Other steps of the plan are not yours: do not implement them, even when they look easy.',
        ...others.map((other) => `- ${stepLine(plan, other.stepId)}: ${other.taskTitle ? `implemented by the task "${other.taskTitle}", in parallel, in its own worktree` : 'not assigned to any task now'}`),
        ...(crossing.length > 0
          ? [
              `Your steps depend on steps another task implements (${crossing.join('; ')}). That work is not in your worktree: build against what the plan says it will provide, and say in the step's note what you assumed.`,
            ]
          : []),
      ].join('\n'),
    );
  }
  sections.push(
    [
      'Report progress with update_step { stepId, status, note? } as you go:',
      '- "in_progress" when you start a step, "done" when it is finished, "skipped" when it turns out not to be needed (say why in the note).',
      '- The note is for the reviewer: what you decided, what you could not do. The user sees the checklist live.',
      '- Keep to the files your steps name. Any other file you change is reported to the reviewer as an unplanned change; when you must, say why in a note.',
      'When all your steps are done or skipped, end with a short summary of what you changed.',
    ].join('\n'),
  );
  return sections.join('\n\n');
}
