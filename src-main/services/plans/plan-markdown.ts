import type { AcceptanceCriterion, Plan, PlanStep } from '../../../src-shared/contract';

/**
 * A plan as Markdown: what is stored with each version, diffed between versions, given to the
 * implementing agent and saved into the repository. Deterministic (the same plan always gives
 * the same text) and free of version numbers, so a diff shows only what the plan says
 * differently. Empty sections are left out.
 */
export function renderPlanMarkdown(plan: Plan): string {
  const sections = [`# ${oneLine(plan.title)}`, plan.summary.trim()];
  if (plan.context.trim()) sections.push('## Context', plan.context.trim());
  pushList(sections, 'Assumptions', plan.assumptions);
  sections.push('## Steps', ...plan.steps.map(renderStep));
  pushList(sections, 'Constraints', plan.constraints);
  sections.push('## Acceptance criteria', plan.acceptanceCriteria.map(renderCriterion).join('\n'));
  pushList(sections, 'Risks', plan.risks);
  pushList(sections, 'Open questions', plan.openQuestions);
  return `${sections.join('\n\n')}\n`;
}

function renderStep(step: PlanStep): string {
  const lines = [`### ${step.id}. ${oneLine(step.title)}`];
  if (step.detail.trim()) lines.push('', step.detail.trim());
  const facts: string[] = [];
  if (step.files.length > 0) facts.push(`- Files: ${step.files.map(codeSpan).join(', ')}`);
  if (step.dependsOn.length > 0) facts.push(`- Depends on: ${step.dependsOn.join(', ')}`);
  if (step.parallelGroup) facts.push(`- Parallel group: ${oneLine(step.parallelGroup)}`);
  if (facts.length > 0) lines.push('', ...facts);
  return lines.join('\n');
}

function renderCriterion(criterion: AcceptanceCriterion): string {
  const verify = criterion.verify.trim().toLowerCase() === 'manual' ? 'manual' : codeSpan(criterion.verify.trim());
  return `- **${criterion.id}** ${indentContinuation(criterion.text.trim())}\n  Verify: ${verify}`;
}

function pushList(sections: string[], heading: string, items: readonly string[]): void {
  if (items.length === 0) return;
  sections.push(`## ${heading}`, items.map((item) => `- ${indentContinuation(item.trim())}`).join('\n'));
}

/** A heading is one line: line breaks in a title become spaces. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Later lines of a list item are indented so they stay inside the item. */
function indentContinuation(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

/** Inline code that survives backticks in the text: the fence is longer than any run inside it. */
export function codeSpan(text: string): string {
  const flat = oneLine(text);
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
