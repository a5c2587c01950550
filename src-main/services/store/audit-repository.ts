import type { AuditEntry } from '../../../src-shared/contract';
import type { Db } from './database';

interface RawAuditEntry {
  project_id: string;
  seq: number;
  at: number;
  actor: string;
  type: string;
  task_id: string | null;
  pipeline_id: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** Rows as stored, payload still as its JSON text: verification hashes exactly what was written. */
export type StoredAuditEntry = Omit<AuditEntry, 'payload'> & { payloadJson: string };

const toStored = (raw: RawAuditEntry): StoredAuditEntry => ({
  projectId: raw.project_id,
  seq: raw.seq,
  at: raw.at,
  actor: raw.actor,
  type: raw.type,
  taskId: raw.task_id,
  pipelineId: raw.pipeline_id,
  payloadJson: raw.payload,
  prevHash: raw.prev_hash,
  hash: raw.hash,
});

export type AuditRepository = ReturnType<typeof createAuditRepository>;

/** A task's or a pipeline's entries (within their project); neither means the whole project. */
export interface AuditScope {
  taskId?: string;
  pipelineId?: string;
}

/** Table `audit_entry` (migration 5): append-only; the audit service computes the chain. */
export function createAuditRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_entry (project_id, seq, at, actor, type, task_id, pipeline_id, payload, prev_hash, hash)
     VALUES (@projectId, @seq, @at, @actor, @type, @taskId, @pipelineId, @payloadJson, @prevHash, @hash)`,
  );
  const last = db.prepare<[string], RawAuditEntry>('SELECT * FROM audit_entry WHERE project_id = ? ORDER BY seq DESC LIMIT 1');
  const page = db.prepare<[string, number, number], RawAuditEntry>('SELECT * FROM audit_entry WHERE project_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?');
  const pageOfTask = db.prepare<[string, string, number, number], RawAuditEntry>(
    'SELECT * FROM audit_entry WHERE task_id = ? AND project_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
  );
  const pageOfPipeline = db.prepare<[string, string, number, number], RawAuditEntry>(
    'SELECT * FROM audit_entry WHERE pipeline_id = ? AND project_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
  );
  const all = db.prepare<[string], RawAuditEntry>('SELECT * FROM audit_entry WHERE project_id = ? ORDER BY seq');
  const ofTask = db.prepare<[string, string], RawAuditEntry>('SELECT * FROM audit_entry WHERE task_id = ? AND project_id = ? ORDER BY seq');
  const ofPipeline = db.prepare<[string, string], RawAuditEntry>('SELECT * FROM audit_entry WHERE pipeline_id = ? AND project_id = ? ORDER BY seq');
  const forget = db.prepare('DELETE FROM audit_entry WHERE project_id = ?');
  const creatorsInPipeline = db.prepare<[string, string], { task_id: string; actor: string }>(
    "SELECT task_id, actor FROM audit_entry WHERE pipeline_id = ? AND project_id = ? AND type = 'task.created' AND task_id IS NOT NULL",
  );
  return {
    /** Appends entries already chained by the caller, all or none. */
    append: (entries: readonly StoredAuditEntry[]): void => {
      db.transaction(() => {
        for (const entry of entries) insert.run(entry);
      })();
    },
    /** Appends without a transaction of its own: the caller's batch is one (the timeline writer's flush). */
    insert: (entries: readonly StoredAuditEntry[]): void => {
      for (const entry of entries) insert.run(entry);
    },
    last: (projectId: string): StoredAuditEntry | undefined => {
      const raw = last.get(projectId);
      return raw && toStored(raw);
    },
    /** Newest first, before `beforeSeq`: the project's entries, or only a task's or a pipeline's. */
    page: (projectId: string, beforeSeq: number, limit: number, scope: AuditScope = {}): StoredAuditEntry[] => {
      const rows =
        scope.taskId !== undefined
          ? pageOfTask.all(scope.taskId, projectId, beforeSeq, limit)
          : scope.pipelineId !== undefined
            ? pageOfPipeline.all(scope.pipelineId, projectId, beforeSeq, limit)
            : page.all(projectId, beforeSeq, limit);
      return rows.map(toStored);
    },
    all: (projectId: string): StoredAuditEntry[] => all.all(projectId).map(toStored),
    /** Oldest first, one row at a time: verification walks a long chain without holding it. */
    *each(projectId: string): Generator<StoredAuditEntry> {
      for (const raw of all.iterate(projectId)) yield toStored(raw);
    },
    ofTask: (projectId: string, taskId: string): StoredAuditEntry[] => ofTask.all(taskId, projectId).map(toStored),
    ofPipeline: (projectId: string, pipelineId: string): StoredAuditEntry[] => ofPipeline.all(pipelineId, projectId).map(toStored),
    /** Who asked for each task of a pipeline (its `task.created` entries' actors), by task id. */
    creatorsInPipeline: (projectId: string, pipelineId: string): Map<string, string> => new Map(creatorsInPipeline.all(pipelineId, projectId).map((row) => [row.task_id, row.actor])),
    /** With the project itself: entries outlive tasks, not the project they belong to. */
    forgetProject: (projectId: string): void => {
      forget.run(projectId);
    },
  };
}
