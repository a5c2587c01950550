import type { CheckStatus, PipelineCheck } from '../../../src-shared/contract';
import type { Db } from './database';

interface RawCheck {
  id: string;
  task_id: string;
  command: string;
  status: CheckStatus;
  exit_code: number | null;
  output: string;
  reason: string | null;
  sandboxed: number;
  started_at: number;
  finished_at: number | null;
}

const toCheck = (raw: RawCheck): PipelineCheck => ({
  id: raw.id,
  taskId: raw.task_id,
  command: raw.command,
  status: raw.status,
  exitCode: raw.exit_code,
  output: raw.output,
  reason: raw.reason,
  sandboxed: raw.sandboxed === 1,
  startedAt: raw.started_at,
  finishedAt: raw.finished_at,
});

/** Why a pipeline did not move a stage on by itself (`pipeline_hold`). */
export interface PipelineHold {
  taskId: string;
  pipelineId: string;
  stage: 'implement' | 'review';
  message: string;
  at: number;
}

export type PipelineCheckRepository = ReturnType<typeof createPipelineCheckRepository>;

/** Tables `pipeline_check` and `pipeline_hold` (migration 7): what a pipeline adds to its tasks. */
export function createPipelineCheckRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO pipeline_check (id, task_id, command, status, exit_code, output, reason, sandboxed, started_at, finished_at)
     VALUES (@id, @taskId, @command, 'running', NULL, '', NULL, @sandboxed, @startedAt, NULL)`,
  );
  const finish = db.prepare(
    `UPDATE pipeline_check SET status = @status, exit_code = @exitCode, output = @output, reason = @reason, finished_at = @finishedAt
     WHERE id = @id AND status = 'running'`,
  );
  const byId = db.prepare<[string], RawCheck>('SELECT * FROM pipeline_check WHERE id = ?');
  const latest = db.prepare<[string], RawCheck>('SELECT * FROM pipeline_check WHERE task_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1');
  const running = db.prepare<[], RawCheck>("SELECT * FROM pipeline_check WHERE status = 'running'");
  const setHold = db.prepare(
    `INSERT INTO pipeline_hold (task_id, pipeline_id, stage, message, at) VALUES (@taskId, @pipelineId, @stage, @message, @at)
     ON CONFLICT (task_id) DO UPDATE SET pipeline_id = excluded.pipeline_id, stage = excluded.stage, message = excluded.message, at = excluded.at`,
  );
  const clearHold = db.prepare('DELETE FROM pipeline_hold WHERE task_id = ?');
  const holdOf = db.prepare<[string], { task_id: string; pipeline_id: string; stage: 'implement' | 'review'; message: string; at: number }>(
    'SELECT * FROM pipeline_hold WHERE task_id = ?',
  );
  return {
    start(check: { id: string; taskId: string; command: string; sandboxed: boolean; startedAt: number }): void {
      insert.run({ ...check, sandboxed: check.sandboxed ? 1 : 0 });
    },
    /** Records how a running check ended; false when it was not running any more (already settled). */
    finish(id: string, result: { status: Exclude<CheckStatus, 'running'>; exitCode: number | null; output: string; reason: string | null; finishedAt: number }): boolean {
      return finish.run({ id, ...result }).changes > 0;
    },
    get: (id: string): PipelineCheck | undefined => {
      const raw = byId.get(id);
      return raw && toCheck(raw);
    },
    /** The newest check of a task's workspace. */
    latest: (taskId: string): PipelineCheck | null => {
      const raw = latest.get(taskId);
      return raw ? toCheck(raw) : null;
    },
    /** Checks still marked running (after a restart: Braid stopped while they ran). */
    running: (): PipelineCheck[] => running.all().map(toCheck),
    setHold: (hold: PipelineHold): void => void setHold.run(hold),
    clearHold: (taskId: string): boolean => clearHold.run(taskId).changes > 0,
    holdOf: (taskId: string): PipelineHold | null => {
      const raw = holdOf.get(taskId);
      return raw ? { taskId: raw.task_id, pipelineId: raw.pipeline_id, stage: raw.stage, message: raw.message, at: raw.at } : null;
    },
  };
}
