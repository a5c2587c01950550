import type {
  AgentDefinitionSource,
  EjectionKind,
  FindingPriority,
  FindingStatus,
  MergeStrategyName,
  PermissionMode,
  PipelineCheck,
  PipelineModels,
  PlanDecision,
  PlanVersionStatus,
  RuleSourceId,
  StepStatus,
  Task,
  TaskStatus,
} from '../../../src-shared/contract';

/**
 * Facts inside the host that other services react to. What the UI is told is the contract's
 * events (`src-shared/contract/events.ts`); `contract-events.ts` translates the facts the UI
 * shows, as one more subscriber.
 */
export interface DomainEvents {
  /** A task's stored state changed; `task` is re-read from the store (and decorated). */
  'task.changed': { task: Task };
  /** A task was stored (its worktree is still being made); `actor` is who asked (default `user`; `braid` for automatic stages). */
  'task.created': { task: Task; actor?: string };
  /**
   * A task's rows are gone (its workspace's too, unless another task shares it): deleted, or
   * archived after its merge (`workspace.archived` follows then).
   */
  'task.removed': { projectId: string; taskId: string; pipelineId: string | null; title: string; cause: 'deleted' | 'archived' };
  /**
   * Braid itself changed a workspace's files or branch: a hunk accepted or reverted, a commit,
   * a checkpoint restored, a merge landed, the base merged in.
   */
  'workspace.moved': { workspaceId: string };
  /** An agent run ended after at least one step; the run waits for the listeners before its status changes. */
  'agent.turnEnded': { taskId: string; workspaceId: string; turn: number };
  /** A project is no longer open in Braid (its repository and worktrees stay on disk). */
  'project.removed': { projectId: string };
  /**
   * A project's workspace config was trusted in exactly this content from the merge queue's
   * panel (the workspace setup's own trust starts its waiting workspaces itself).
   */
  'workspace.configTrusted': { projectId: string; contentHash: string };
  /**
   * The agent's status changed (`AgentService`). `runStart` is set when a run begins with this
   * change: `new` (a message or the task's prompt started it) or `resume` (Resume); a `running`
   * after an approval is not a start.
   */
  'agent.statusChanged': {
    taskId: string;
    projectId: string;
    pipelineId: string | null;
    status: TaskStatus;
    reason: string | null;
    runStart: 'new' | 'resume' | null;
  };
  /**
   * The permission policy decided on a tool call before it ran: allowed or denied by `rule`, or
   * the user is asked (an approval request).
   */
  'agent.permissionDecided': {
    taskId: string;
    projectId: string;
    pipelineId: string | null;
    callId: string;
    tool: string;
    args: unknown;
    decision: 'allow' | 'deny' | 'ask';
    rule: string;
    /** Where the rule lives (a settings file, Braid's settings); null for Braid's built-in rules and modes. */
    source: RuleSourceId | null;
    reason: string | null;
  };
  /** A merge moved its target branch from `targetBefore` to `targetAfter`. */
  'merge.landed': {
    projectId: string;
    taskId: string;
    pipelineId: string | null;
    workspaceId: string;
    strategy: MergeStrategyName;
    selective: boolean;
    files: string[];
    targetBranch: string;
    targetBefore: string;
    targetAfter: string;
  };
  /**
   * The merge queue moved `targetBranch` to an entry's tested candidate (`targetBefore` →
   * `targetAfter`) after its gate passed there (`gateCommand` null: no gate was set).
   */
  'queue.entryLanded': {
    projectId: string;
    taskId: string;
    pipelineId: string | null;
    taskTitle: string;
    entryId: string;
    workspaceId: string;
    strategy: MergeStrategyName;
    selective: boolean;
    files: string[];
    targetBranch: string;
    targetBefore: string;
    targetAfter: string;
    gateCommand: string | null;
    gateMs: number;
  };
  /** The merge queue ejected an entry: a conflict (with its files), its gate failed or timed out, the review gate, nothing to merge, or a request that no longer applies. */
  'queue.entryEjected': {
    projectId: string;
    taskId: string;
    pipelineId: string | null;
    taskTitle: string;
    entryId: string;
    targetBranch: string;
    kind: EjectionKind;
    message: string;
    files: string[];
    exitCode: number | null;
    /** The command that failed or timed out (gate ejections). */
    command: string | null;
    targetCommit: string | null;
  };
  /** A merged workspace was archived: its task is gone (after `task.removed` with cause `archived`). */
  'workspace.archived': { projectId: string; taskId: string; pipelineId: string | null; title: string; branch: string; branchDeleted: boolean };
  /** The user passed a gate that would have refused ("merge anyway"), with a reason. */
  'gate.overridden': {
    projectId: string;
    taskId: string;
    pipelineId: string | null;
    /** Which gate: `review` (open P0/P1 findings), `check` (the check command failed), ... */
    gate: string;
    reason: string;
    /** What the gate would have refused for (e.g. the open findings' ids). */
    details: Record<string, unknown>;
  };
  /** A review task submitted a review version with its findings. */
  'review.submitted': {
    projectId: string;
    /** The review task. */
    taskId: string;
    pipelineId: string | null;
    reviewedTaskId: string;
    version: number;
    verdict: 'correct' | 'incorrect';
    confidence: number;
    findings: { id: string; title: string; priority: FindingPriority; path: string; lineStart: number | null; lineEnd: number | null }[];
  };
  /** A finding moved: sent to the implementer, dismissed (with a reason), likely addressed, fixed, reopened. */
  'finding.statusChanged': {
    projectId: string;
    /** The review task the finding belongs to. */
    taskId: string;
    pipelineId: string | null;
    reviewedTaskId: string;
    findingId: string;
    title: string;
    priority: FindingPriority;
    status: FindingStatus;
    reason: string | null;
    /** Who moved it: the user (sent, dismissed), the reviewing agent (fixed, still there), Braid (likely addressed). */
    actor: 'user' | 'agent' | 'braid';
  };
  /**
   * A version of a plan task's plan was stored: submitted by the agent (`submit_plan`), or
   * written by the user (an edit of `basedOn`, stored `approved` when approved in the same step).
   */
  'plan.versionAdded': PlanFact & { author: 'agent' | 'user'; status: PlanVersionStatus; basedOn: number | null };
  /** The user decided on a version at the gate (approve, request changes with its message and comments, reject with the reason). */
  'plan.decided': PlanFact & { decision: PlanDecision };
  /** `submit_plan` was called with an invalid plan: the `attempt`-th invalid try in a row; `failedTask` when it was the last allowed. */
  'plan.submissionRefused': Omit<PlanFact, 'version' | 'contentHash' | 'title'> & { attempt: number; issues: string[]; failedTask: boolean; at: number };
  /** An approved version's Markdown was committed into a workspace ("Save to repository"). */
  'plan.saved': PlanFact & { workspaceTaskId: string; path: string; commit: string };
  /**
   * An approved version is being implemented (`plans.implement`): the implement tasks were
   * stored (their worktrees are being made from `baseCommit`), each pinned to its steps.
   */
  'plan.implemented': PlanFact & {
    baseBranch: string;
    baseCommit: string;
    tasks: { taskId: string; title: string; stepIds: string[]; model: string | null }[];
    /** Who asked: the user (Implement…), or `braid` (a pipeline moving on after the approval). */
    actor?: 'user' | 'braid';
  };
  /** An implement task's agent marked one of its pinned steps (`update_step`). */
  'plan.stepUpdated': {
    projectId: string;
    /** The implement task. */
    taskId: string;
    pipelineId: string | null;
    planTaskId: string;
    version: number;
    stepId: string;
    status: StepStatus;
    note: string | null;
    at: number;
  };
  /**
   * A task's `delegate` call started a subagent (`subagents/`): its own task `childTaskId` in the
   * same workspace, running `agent` from `source` in `mode` on `model`. `notes` say where it
   * runs differently from what its definition asks (a mode never looser than its parent's).
   */
  'subagent.started': {
    projectId: string;
    /** The parent task. */
    taskId: string;
    pipelineId: string | null;
    callId: string;
    childTaskId: string;
    agent: string;
    source: AgentDefinitionSource;
    depth: number;
    mode: PermissionMode;
    model: string;
    notes: string[];
  };
  /** A subagent's answer (or what became of it) went back to its parent as the `delegate` call's result. */
  'subagent.finished': {
    projectId: string;
    taskId: string;
    pipelineId: string | null;
    callId: string;
    childTaskId: string;
    agent: string;
    status: TaskStatus;
  };
  /** A pipeline was started (its plan task is stored right after). */
  'pipeline.created': { projectId: string; pipelineId: string; title: string; goal: string; models: PipelineModels; at: number };
  /**
   * A pipeline could not move a stage on by itself: the implement tasks of an approved plan
   * could not be created, or a review could not start (`message` says why). `taskId` is the task
   * it is held at (the plan task, the implement task).
   */
  'pipeline.held': { projectId: string; pipelineId: string; taskId: string; stage: 'implement' | 'review'; message: string };
  /** The project's check command started in an implement task's workspace (before its review). */
  'check.started': { projectId: string; pipelineId: string | null; check: PipelineCheck };
  /** It ended (passed, failed, could not run, was cancelled). */
  'check.finished': { projectId: string; pipelineId: string | null; check: PipelineCheck };
}

/** What every plan fact names: enough for an audit entry without reading the store again. */
export interface PlanFact {
  projectId: string;
  taskId: string;
  pipelineId: string | null;
  version: number;
  title: string;
  /** sha256 of the version's canonical plan JSON. */
  contentHash: string;
  at: number;
}

export type DomainEventName = keyof DomainEvents;
export type DomainListener<E extends DomainEventName> = (payload: DomainEvents[E]) => void | Promise<void>;

/**
 * A small typed in-process event bus, built once by the composition root and handed to the
 * services. Listeners run in the order they subscribed, at once, inside `publish`; an async
 * listener's work is awaited by `publish`'s promise (publishers that need it done, like the end
 * of an agent turn, await it; the others do not). A listener that throws or rejects is logged
 * and does not stop the others: the publisher's own work has already happened.
 */
export class DomainEventBus {
  private readonly listeners = new Map<DomainEventName, Set<DomainListener<never>>>();

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  /** Subscribes; the returned function unsubscribes. */
  on<E extends DomainEventName>(event: E, listener: DomainListener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as DomainListener<never>;
    set.add(entry);
    return () => set.delete(entry);
  }

  publish<E extends DomainEventName>(event: E, payload: DomainEvents[E]): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        const result: unknown = (listener as DomainListener<E>)(payload);
        // A `void` listener may still return something (TypeScript allows it): only promises are waited for.
        if (result instanceof Promise) pending.push(result.catch((error: unknown) => this.report(event, error)));
      } catch (error) {
        this.report(event, error);
      }
    }
    return pending.length === 0 ? Promise.resolve() : Promise.all(pending).then(() => undefined);
  }

  private report(event: DomainEventName, error: unknown): void {
    this.log(`[events] a listener of ${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
