import type { PipelineCheck, ReviewFinding, Task } from '../../../src-shared/contract';
import type { ImplementContext } from '../plans/implement-service';

export interface ReviewBriefingInput {
  reviewed: Task;
  /** The pinned plan, the implementer's summary and the unplanned changes; null when the reviewed task is not pinned to a plan. */
  implement: ImplementContext | null;
  /** The bounded diff against the merge-base (`reviewDiffDigest`), or why it could not be read. */
  diff: string;
  /** Findings of earlier reviews of this work (a review again): the reviewer says which are fixed. */
  earlier: readonly ReviewFinding[];
  /** The project's check command as it last ran in the workspace (a pipeline runs it before the review); null when none ran. */
  check?: PipelineCheck | null;
}

/** How much of the check's output the reviewer is given (its end: where test runners summarise). */
const checkOutputChars = 6000;

const checkResultWords: Record<PipelineCheck['status'], string> = {
  running: 'still running when your review started (its result is not known yet)',
  passed: 'passed (exit 0)',
  failed: 'failed',
  error: 'could not run',
  cancelled: 'was cancelled before it finished',
};

/** The check's result for the reviewer: the command, how it ended, the end of its output. */
export function checkBriefing(check: PipelineCheck): string {
  const how = check.status === 'failed' && check.exitCode !== null ? `failed (exit ${check.exitCode})` : checkResultWords[check.status];
  const output = check.output.length > checkOutputChars ? `[… earlier output cut …]\n${check.output.slice(-checkOutputChars)}` : check.output;
  return [
    `The project's check command ran in this workspace before your review: \`${check.command}\` ${how}${check.reason ? ` — ${check.reason}` : ''}.` +
      (check.status === 'passed' ? '' : ' Say in your review what of it the work is responsible for.'),
    output.trim() ? `The end of its output:\n<check-output>\n${output.trim()}\n</check-output>` : 'It printed nothing.',
  ].join('\n');
}

const statusWords: Record<ReviewFinding['status'], string> = {
  open: 'open',
  sent: 'sent to the implementer',
  addressed: 'likely addressed (its lines changed since)',
  dismissed: 'dismissed by the user',
  fixed: 'fixed',
};

/**
 * The review task's part of its system prompt: what is reviewed (the pinned plan with its
 * acceptance criteria, the implementer's summary, the unplanned changes, or the task's own
 * instructions), the diff against the merge-base (bounded), and on a review again the earlier
 * findings with their ids and status, to be answered in `resolved`.
 */
export function reviewBriefing({ reviewed, implement, diff, earlier, check = null }: ReviewBriefingInput): string {
  const sections: string[] = [];
  if (implement) {
    const { plan } = implement;
    sections.push(
      `You review the work of the implement task "${reviewed.title}": steps ${implement.pinnedSteps.map((step) => step.id).join(', ')} of the approved plan "${plan.plan.title}" (v${plan.version}). The plan, as approved:`,
      `<plan>\n${plan.markdown.trim()}\n</plan>`,
      [
        'Its acceptance criteria (a finding about one names it in `criterion`):',
        ...plan.plan.acceptanceCriteria.map((criterion) => `- ${criterion.id}: ${criterion.text} (verify: ${criterion.verify})`),
      ].join('\n'),
      `The implementer's summary:\n<summary>\n${implement.summaryMarkdown.trim()}\n</summary>`,
      implement.unplanned.length > 0
        ? `Unplanned changes (files no step of this task names; check that each is needed): ${implement.unplanned.map((change) => change.path).join(', ')}.`
        : 'Unplanned changes: none.',
    );
  } else {
    sections.push(
      `You review the work of the task "${reviewed.title}" (role ${reviewed.role}); it is not pinned to a plan, so judge it against its instructions:`,
      `<instructions>\n${reviewed.prompt.trim() || '(none given)'}\n</instructions>`,
      'It has no acceptance criteria: leave `criterion` out of your findings.',
    );
  }
  sections.push(`The diff of its workspace against the merge-base with ${reviewed.workspace.baseBranch}:\n${diff}`);
  if (check) sections.push(checkBriefing(check));
  const answerable = earlier.filter((finding) => finding.status !== 'dismissed' && finding.status !== 'fixed');
  if (earlier.length > 0) {
    sections.push(
      [
        'This is a review again. The findings of the earlier reviews, with their ids and status:',
        ...earlier.map(
          (finding) =>
            `- ${finding.id} [${finding.priority}, ${statusWords[finding.status]}] ${finding.path}${finding.lineStart === null ? '' : `:${finding.lineStart}${finding.lineEnd !== finding.lineStart ? `–${finding.lineEnd}` : ''}`} — ${finding.title}`,
        ),
        answerable.length > 0
          ? `Check each one that is not dismissed or fixed (${answerable.map((finding) => finding.id).join(', ')}) and say in submit_review's \`resolved\` whether it is fixed now: { findingId, fixed, note? }. Do not report a fixed one again as a new finding; report one that is still there in \`resolved\` with fixed: false rather than as a new finding.`
          : 'None of them waits for an answer; you may leave `resolved` out.',
      ].join('\n'),
    );
  }
  return sections.join('\n\n');
}
