import type { ImplementSummary } from '../../../src-shared/contract';

const statusWords: Record<ImplementSummary['steps'][number]['status'], string> = { pending: 'pending', in_progress: 'in progress', done: 'done', skipped: 'skipped' };

/**
 * An implement task's summary as Markdown, for the prompt of its reviewer: its steps with their
 * status and the implementer's notes, the files it changed, the commands it ran with their exit
 * codes, and the changes no step of its plan names.
 */
export function implementSummaryMarkdown(summary: ImplementSummary): string {
  const lines = [`## Implementation of plan v${summary.version}: ${summary.planTitle}`, '', '### Steps'];
  for (const step of summary.steps) lines.push(`- ${step.stepId}. ${step.title}: ${statusWords[step.status]}${step.note ? ` — ${step.note}` : ''}`);
  const others = summary.otherSteps.filter((step) => step.taskTitle !== null);
  if (others.length > 0) lines.push('', `Implemented by other tasks: ${others.map((step) => `${step.stepId} ("${step.taskTitle}")`).join(', ')}.`);

  lines.push('', '### Files changed');
  if (summary.filesError) lines.push(`(not readable: ${summary.filesError})`);
  else if (summary.files.length === 0) lines.push('(none)');
  for (const file of summary.files) {
    lines.push(`- ${file.oldPath !== undefined && file.oldPath !== file.path ? `${file.oldPath} → ` : ''}${file.path} (${file.status}, +${file.additions} −${file.deletions})`);
  }

  lines.push('', '### Commands run');
  if (summary.commands.length === 0) lines.push('(none)');
  for (const command of summary.commands) {
    const end = command.exitCode !== null ? `exit code ${command.exitCode}` : command.outcome;
    lines.push(`- \`${command.command.replace(/`/g, "'")}\` → ${end}`);
  }

  lines.push('', '### Unplanned changes (files no step of this task names)');
  if (summary.unplanned.length === 0) lines.push('(none)');
  for (const change of summary.unplanned) {
    const belongs = change.otherSteps.map((step) => `${step.stepId}${step.taskTitle ? ` (task "${step.taskTitle}")` : ''}`);
    lines.push(`- ${change.path}${belongs.length > 0 ? ` — named by ${belongs.join(', ')} of another task` : ''}`);
  }
  return lines.join('\n');
}
