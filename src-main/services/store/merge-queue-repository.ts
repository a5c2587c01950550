import { queueEjectionSchema, queueEntryOptionsSchema, type QueueEjection, type QueueEntryOptions, type QueueEntryState } from '../../../src-shared/contract';
import type { Db } from './database';

/** What a restart needs to finish (or forget) a landing that was under way when the host died. */
export interface LandingRecord {
  /** The target's commit the candidate was built on (the compare-and-swap's old value). */
  targetCommit: string;
  candidateCommit: string;
  /** The workspace branch's head the entry was built from, and the commit of its uncommitted files moved onto it, if any. */
  workspaceHead: string;
  workspaceCommit: string | null;
  /** Commits the landing writes for the target, oldest first. */
  landedCommits: string[];
  selective: boolean;
  /** The gate that passed, for the audit. */
  gateCommand: string | null;
  gateMs: number;
}

export interface QueueEntryRow {
  id: string;
  projectId: string;
  targetBranch: string;
  taskId: string;
  position: number;
  options: QueueEntryOptions;
  state: QueueEntryState;
  speculative: boolean;
  attempts: number;
  enqueuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  targetCommit: string | null;
  candidateCommit: string | null;
  landing: LandingRecord | null;
  ejection: QueueEjection | null;
  landed: { previousCommit: string; newCommit: string } | null;
  hasLog: boolean;
}

interface RawEntry {
  id: string;
  project_id: string;
  target_branch: string;
  task_id: string;
  position: number;
  options: string;
  state: QueueEntryState;
  speculative: number;
  attempts: number;
  enqueued_at: number;
  started_at: number | null;
  finished_at: number | null;
  target_commit: string | null;
  candidate_commit: string | null;
  landing: string | null;
  ejection: string | null;
  landed: string | null;
  has_log: number;
}

/** A JSON column that does not parse (a hand-edited database) reads as absent rather than failing the row. */
function parseJson<T>(text: string | null, check: (value: unknown) => T | null): T | null {
  if (text === null) return null;
  try {
    return check(JSON.parse(text));
  } catch {
    return null;
  }
}

const toRow = (raw: RawEntry): QueueEntryRow => ({
  id: raw.id,
  projectId: raw.project_id,
  targetBranch: raw.target_branch,
  taskId: raw.task_id,
  position: raw.position,
  options: parseJson(raw.options, (value) => queueEntryOptionsSchema.safeParse(value).data ?? null) ?? { strategy: 'merge', includeUncommitted: true },
  state: raw.state,
  speculative: raw.speculative === 1,
  attempts: raw.attempts,
  enqueuedAt: raw.enqueued_at,
  startedAt: raw.started_at,
  finishedAt: raw.finished_at,
  targetCommit: raw.target_commit,
  candidateCommit: raw.candidate_commit,
  landing: parseJson(raw.landing, (value) => (typeof value === 'object' && value !== null ? (value as LandingRecord) : null)),
  ejection: parseJson(raw.ejection, (value) => queueEjectionSchema.safeParse(value).data ?? null),
  landed: parseJson(raw.landed, (value) => (typeof value === 'object' && value !== null ? (value as { previousCommit: string; newCommit: string }) : null)),
  hasLog: raw.has_log === 1,
});

/** Changes to an entry's progress; fields left out keep their value. */
export interface QueueEntryProgress {
  state: QueueEntryState;
  speculative?: boolean;
  attempts?: number;
  startedAt?: number | null;
  finishedAt?: number | null;
  targetCommit?: string | null;
  candidateCommit?: string | null;
  landing?: LandingRecord | null;
  ejection?: QueueEjection | null;
  landed?: { previousCommit: string; newCommit: string } | null;
}

export interface QueueStateRow {
  projectId: string;
  targetBranch: string;
  paused: boolean;
  pauseReason: string | null;
}

export type MergeQueueRepository = ReturnType<typeof createMergeQueueRepository>;

const columns = `id, project_id, target_branch, task_id, position, options, state, speculative, attempts, enqueued_at, started_at,
  finished_at, target_commit, candidate_commit, landing, ejection, landed, log IS NOT NULL AS has_log`;

/** Tables `merge_queue` (paused or not) and `merge_queue_entry` (migration 7). */
export function createMergeQueueRepository(db: Db) {
  const byId = db.prepare<[string], RawEntry>(`SELECT ${columns} FROM merge_queue_entry WHERE id = ?`);
  const byQueue = db.prepare<[string, string], RawEntry>(`SELECT ${columns} FROM merge_queue_entry WHERE project_id = ? AND target_branch = ? ORDER BY position, enqueued_at, id`);
  const byProject = db.prepare<[string], RawEntry>(`SELECT ${columns} FROM merge_queue_entry WHERE project_id = ? ORDER BY target_branch, position, enqueued_at, id`);
  const unfinished = db.prepare<[], RawEntry>(`SELECT ${columns} FROM merge_queue_entry WHERE state NOT IN ('landed', 'ejected') ORDER BY project_id, target_branch, position`);
  const byTask = db.prepare<[string], RawEntry>(`SELECT ${columns} FROM merge_queue_entry WHERE task_id = ? ORDER BY enqueued_at`);
  const lastPosition = db.prepare<[string, string], { last: number | null }>('SELECT max(position) AS last FROM merge_queue_entry WHERE project_id = ? AND target_branch = ?');
  const insert = db.prepare(
    `INSERT INTO merge_queue_entry (id, project_id, target_branch, task_id, position, options, state, enqueued_at)
     VALUES (@id, @projectId, @targetBranch, @taskId, @position, @options, 'queued', @enqueuedAt)`,
  );
  const setPosition = db.prepare<[number, string]>('UPDATE merge_queue_entry SET position = ? WHERE id = ?');
  const readLog = db.prepare<[string], { log: string | null }>('SELECT log FROM merge_queue_entry WHERE id = ?');
  const writeLog = db.prepare<[string | null, string]>('UPDATE merge_queue_entry SET log = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM merge_queue_entry WHERE id = ?');
  const queueState = db.prepare<[string, string], { paused: number; pause_reason: string | null }>('SELECT paused, pause_reason FROM merge_queue WHERE project_id = ? AND target_branch = ?');
  const pausedQueues = db.prepare<[string], { target_branch: string; paused: number; pause_reason: string | null }>('SELECT target_branch, paused, pause_reason FROM merge_queue WHERE project_id = ?');
  const upsertQueue = db.prepare(
    `INSERT INTO merge_queue (project_id, target_branch, paused, pause_reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id, target_branch) DO UPDATE SET paused = excluded.paused, pause_reason = excluded.pause_reason`,
  );

  const progressStatements = new Map<string, ReturnType<Db['prepare']>>();
  const encode: Record<keyof QueueEntryProgress, [string, (value: never) => unknown]> = {
    state: ['state', (value: QueueEntryState) => value],
    speculative: ['speculative', (value: boolean) => (value ? 1 : 0)],
    attempts: ['attempts', (value: number) => value],
    startedAt: ['started_at', (value: number | null) => value],
    finishedAt: ['finished_at', (value: number | null) => value],
    targetCommit: ['target_commit', (value: string | null) => value],
    candidateCommit: ['candidate_commit', (value: string | null) => value],
    landing: ['landing', (value: LandingRecord | null) => (value === null ? null : JSON.stringify(value))],
    ejection: ['ejection', (value: QueueEjection | null) => (value === null ? null : JSON.stringify(value))],
    landed: ['landed', (value: object | null) => (value === null ? null : JSON.stringify(value))],
  };

  return {
    get: (id: string): QueueEntryRow | undefined => {
      const raw = byId.get(id);
      return raw && toRow(raw);
    },
    /** One queue's entries in queue order. */
    listQueue: (projectId: string, targetBranch: string): QueueEntryRow[] => byQueue.all(projectId, targetBranch).map(toRow),
    listProject: (projectId: string): QueueEntryRow[] => byProject.all(projectId).map(toRow),
    /** Every entry not landed or ejected, for the start-up recovery. */
    listUnfinished: (): QueueEntryRow[] => unfinished.all().map(toRow),
    listByTask: (taskId: string): QueueEntryRow[] => byTask.all(taskId).map(toRow),
    /** Adds an entry at the end of its queue. */
    insert(entry: { id: string; projectId: string; targetBranch: string; taskId: string; options: QueueEntryOptions; enqueuedAt: number }): void {
      const position = (lastPosition.get(entry.projectId, entry.targetBranch)?.last ?? 0) + 1;
      insert.run({ ...entry, position, options: JSON.stringify(entry.options) });
    },
    /** Positions 1…n in the given order (ids of one queue). */
    reorder: (ids: readonly string[]): void => {
      db.transaction(() => ids.forEach((id, index) => setPosition.run(index + 1, id)))();
    },
    setProgress(id: string, progress: QueueEntryProgress): boolean {
      const keys = (Object.keys(progress) as (keyof QueueEntryProgress)[]).filter((key) => progress[key] !== undefined).sort();
      const signature = keys.join(',');
      let statement = progressStatements.get(signature);
      if (!statement) {
        statement = db.prepare(`UPDATE merge_queue_entry SET ${keys.map((key) => `${encode[key][0]} = @${key}`).join(', ')} WHERE id = @id`);
        progressStatements.set(signature, statement);
      }
      const values: Record<string, unknown> = { id };
      for (const key of keys) values[key] = (encode[key][1] as (value: unknown) => unknown)(progress[key]);
      return statement.run(values).changes > 0;
    },
    readLog: (id: string): string | null => readLog.get(id)?.log ?? null,
    writeLog: (id: string, log: string | null): void => {
      writeLog.run(log, id);
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
    queueState(projectId: string, targetBranch: string): QueueStateRow {
      const row = queueState.get(projectId, targetBranch);
      return { projectId, targetBranch, paused: row?.paused === 1, pauseReason: row?.pause_reason ?? null };
    },
    /** Queues with a stored state (paused or resumed once), for listing queues that have no entries. */
    listQueueStates: (projectId: string): QueueStateRow[] =>
      pausedQueues.all(projectId).map((row) => ({ projectId, targetBranch: row.target_branch, paused: row.paused === 1, pauseReason: row.pause_reason })),
    setPaused: (projectId: string, targetBranch: string, paused: boolean, reason: string | null): void => {
      upsertQueue.run(projectId, targetBranch, paused ? 1 : 0, paused ? reason : null);
    },
  };
}
