import {
  isReadyForReview,
  type CheckGateState,
  type ImplementStage,
  type MergeStage,
  type Pipeline,
  type PipelineCheck,
  type PipelineSettings,
  type PipelineView,
  type PlanStage,
  type ReviewGateState,
  type ReviewStage,
  type StageState,
  type Task,
  type TaskStatus,
} from '../../../src-shared/contract';
import type { Store } from '../store/store';

export interface PipelineStagesDeps {
  store: Store;
  settings(projectId: string): PipelineSettings;
  reviewGate(taskId: string): ReviewGateState | null;
  checkGate(taskId: string): CheckGateState;
  /** Who asked for each task of the pipeline (`braid` for the stages a pipeline started itself), from the audit trail. */
  creators(projectId: string, pipelineId: string): ReadonlyMap<string, string>;
}

/** A task's agent status as a stage's state, when nothing more specific applies. */
function stateOfStatus(status: TaskStatus, workspaceReady: boolean): StageState {
  if (!workspaceReady) return 'working';
  switch (status) {
    case 'queued':
    case 'running':
      return 'working';
    case 'needs_approval':
    case 'needs_input':
    case 'plan_review':
    case 'paused':
    case 'stopped':
    case 'interrupted':
      return 'needs_you';
    case 'failed':
      return 'failed';
    case 'done':
      return 'done';
    case 'idle':
      return 'waiting';
  }
}

/**
 * A pipeline's stages as its view shows them, from what the services already store: the plan
 * task's versions and decisions, the implement tasks pinned to the approved version with their
 * steps, the check and the review of each, the findings and both gates, the merges. Nothing is
 * kept for the view itself; it is read fresh each time.
 */
export function pipelineStages(deps: PipelineStagesDeps, pipeline: Pipeline): PipelineView {
  const { store } = deps;
  const settings = deps.settings(pipeline.projectId);
  const tasks = store.tasks.listByPipeline(pipeline.id);
  const creators = deps.creators(pipeline.projectId, pipeline.id);
  const createdBy = (task: Task): 'user' | 'braid' => (creators.get(task.id) === 'braid' ? 'braid' : 'user');
  const stageTask = (task: Task) => ({ taskId: task.id, title: task.title, status: task.agent.status, statusReason: task.agent.statusReason, createdAt: task.createdAt, createdBy: createdBy(task) });

  const planTask = tasks.find((task) => task.role === 'plan') ?? null;
  const plan = planTask ? planStage(deps, planTask, stageTask(planTask)) : null;
  const implementTasks = tasks.filter((task) => task.role === 'implement' && task.planPin !== null && task.planPin.planTaskId === planTask?.id);
  const implement = implementTasks.map((task) => implementStage(store, task, stageTask(task)));
  const reviews = implementTasks.map((task) => reviewStage(deps, settings, task, tasks, stageTask));
  const merges = implementTasks.map((task, index) => mergeStage(deps, task, reviews[index]!));

  const allDone = (stages: readonly { state: StageState }[]) => stages.length > 0 && stages.every((stage) => stage.state === 'done');
  const stage: PipelineView['stage'] =
    implement.length === 0 ? 'plan' : !allDone(implement) ? 'implement' : !allDone(reviews) ? 'review' : !allDone(merges) ? 'merge' : 'done';
  return { pipeline, settings, stage, plan, implement, reviews, merges };
}

function planStage(deps: PipelineStagesDeps, task: Task, base: Omit<PlanStage, 'state' | 'versions' | 'gate' | 'approvedVersion' | 'hold'>): PlanStage {
  const versions = deps.store.plans.list(task.id);
  const latest = versions.at(-1);
  const hold = deps.store.pipelineChecks.holdOf(task.id);
  const approvedVersion = latest?.status === 'approved' ? latest.version : null;
  let gate = 'No plan yet.';
  let state = stateOfStatus(task.agent.status, task.workspace.state === 'ready');
  if (latest) {
    switch (latest.status) {
      case 'proposed':
        // At the gate once the run has ended there (a run still going may submit another version).
        if (task.agent.status === 'plan_review') {
          gate = `Plan v${latest.version} awaits your approval.`;
          state = 'needs_you';
        } else {
          gate = `Plan v${latest.version} was submitted; the agent is still working.`;
        }
        break;
      case 'approved':
        gate = `You approved plan v${latest.version}.`;
        state = 'done';
        break;
      case 'changes_requested':
        gate = `You requested changes to plan v${latest.version}; the agent revises it.`;
        break;
      case 'rejected':
        gate = `You rejected plan v${latest.version}${latest.decision?.message ? `: ${latest.decision.message}` : ''}.`;
        state = 'failed';
        break;
      case 'superseded':
        break;
    }
  }
  if (hold) state = 'held';
  return {
    ...base,
    state,
    versions: versions.map((version) => ({ version: version.version, status: version.status, author: version.author, createdAt: version.createdAt, decision: version.decision })),
    gate,
    approvedVersion,
    hold: hold?.message ?? null,
  };
}

function implementStage(store: Store, task: Task, base: Omit<ImplementStage, 'state' | 'planVersion' | 'stepIds' | 'steps' | 'readyForReview'>): ImplementStage {
  const pin = task.planPin!;
  const progress = store.plans.progress(task.id);
  const count = (status: string) => progress.filter((step) => step.status === status).length;
  const ready = isReadyForReview(task);
  return {
    ...base,
    state: ready ? 'done' : stateOfStatus(task.agent.status, task.workspace.state === 'ready'),
    planVersion: pin.version,
    stepIds: pin.stepIds,
    steps: { done: count('done'), skipped: count('skipped'), total: pin.stepIds.length },
    readyForReview: ready,
  };
}

function checkWords(check: PipelineCheck): string {
  const command = `\`${check.command}\``;
  switch (check.status) {
    case 'running':
      return `The check ${command} is running.`;
    case 'passed':
      return `The check ${command} passed.`;
    case 'failed':
      return `The check ${command} failed${check.exitCode === null ? '' : ` (exit ${check.exitCode})`}${check.reason ? `: ${check.reason}` : ''}.`;
    case 'error':
      return `The check ${command} could not run: ${check.reason ?? 'no reason given'}`;
    case 'cancelled':
      return `The check ${command} was cancelled: ${check.reason ?? 'no reason given'}`;
  }
}

function reviewStage(
  deps: PipelineStagesDeps,
  settings: PipelineSettings,
  reviewed: Task,
  tasks: readonly Task[],
  stageTask: (task: Task) => NonNullable<ReviewStage['review']>,
): ReviewStage {
  const { store } = deps;
  const reviewTask = tasks.filter((task) => task.reviewedTaskId === reviewed.id).at(-1) ?? store.tasks.listReviewsOf(reviewed.id).at(-1) ?? null;
  const reports = store.reviewReports.reportsFor(reviewed.id);
  const findings = store.reviewReports.findingsFor(reviewed.id);
  const gate = deps.reviewGate(reviewed.id) ?? { mode: settings.reviewGate, verdict: 'clear', message: null, findings: [] };
  const check = store.pipelineChecks.latest(reviewed.id);
  const hold = store.pipelineChecks.holdOf(reviewed.id);
  const ready = isReadyForReview(reviewed);
  const reviewBusy = reviewTask !== null && ['queued', 'running', 'needs_approval', 'needs_input'].includes(reviewTask.agent.status);
  const latestReport = reports.at(-1);
  const openBlocking = gate.findings.length;

  let state: StageState;
  let note: string | null;
  if (reviewBusy) {
    state = reviewTask.agent.status === 'needs_approval' || reviewTask.agent.status === 'needs_input' ? 'needs_you' : 'working';
    note = `${reviewTask.title} is ${reviewTask.agent.status.replace(/_/g, ' ')}.`;
  } else if (check?.status === 'running') {
    state = 'working';
    note = checkWords(check);
  } else if (!ready) {
    const working = ['queued', 'running'].includes(reviewed.agent.status);
    state = latestReport && working ? 'working' : 'waiting';
    note = latestReport && working ? 'The implementer is working on the findings; the review runs again when it is done.' : 'Waits for the implementation to be ready for review.';
    if (!working && latestReport) note = `The implementer is ${reviewed.agent.status.replace(/_/g, ' ')}.`;
  } else if (hold) {
    state = 'held';
    note = hold.message;
  } else if (check && check.status !== 'passed' && settings.checkCommand !== null && (!latestReport || latestReport.createdAt < check.startedAt)) {
    state = 'held';
    note = `${checkWords(check)} ${settings.autoReview ? 'Auto review is held: fix it and run the check again, or start the review yourself.' : 'Run it again once fixed, or start the review.'}`;
  } else if (!latestReport || (reviewTask !== null && reviewTask.agent.status !== 'done')) {
    state = reviewTask ? stateOfStatus(reviewTask.agent.status, true) : settings.autoReview ? 'working' : 'needs_you';
    note = reviewTask ? reviewTask.agent.statusReason : settings.autoReview ? 'The review starts by itself.' : 'Auto review is off: start the review.';
  } else if (openBlocking > 0 && gate.mode !== 'off') {
    state = 'needs_you';
    note = 'Send the open P0/P1 findings to the implementer, or dismiss them.';
  } else {
    state = 'done';
    note = null;
  }

  return {
    reviewedTaskId: reviewed.id,
    reviewedTitle: reviewed.title,
    state,
    note,
    check,
    review: reviewTask ? stageTask(reviewTask) : null,
    versions: reports.map((report) => ({
      version: report.version,
      verdict: report.verdict,
      confidence: report.confidence,
      createdAt: report.createdAt,
      findings: findings.filter((finding) => finding.reviewTaskId === report.taskId && finding.version === report.version).length,
      fixed: report.resolved.filter((entry) => entry.fixed).length,
    })),
    findings: findings.map((finding) => ({ id: finding.id, title: finding.title, priority: finding.priority, status: finding.status, path: finding.path, lineStart: finding.lineStart })),
    gate,
    hold: hold?.message ?? null,
  };
}

function mergeStage(deps: PipelineStagesDeps, task: Task, review: ReviewStage): MergeStage {
  const merged = task.workspace.merged;
  const reviewGate = review.gate;
  const checkGate = deps.checkGate(task.id);
  const state: StageState = merged ? 'done' : review.state === 'done' ? 'needs_you' : 'waiting';
  return {
    taskId: task.id,
    title: task.title,
    state,
    reviewGate,
    checkGate,
    merged: merged
      ? { strategy: merged.strategy, targetBranch: merged.targetBranch, newCommit: merged.newCommit, mergedAt: merged.mergedAt, files: merged.files.length, override: merged.override ?? null }
      : null,
  };
}
