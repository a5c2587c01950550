import { planDecisionSchema, planSchema, type PlanDecision, type PlanVersion, type PlanVersionStatus, type StepProgress, type StepStatus } from '../../../src-shared/contract';
import type { Db } from './database';

interface RawPlanVersion {
  task_id: string;
  version: number;
  author: 'agent' | 'user';
  plan: string;
  markdown: string;
  content_hash: string;
  status: PlanVersionStatus;
  decision: string | null;
  created_at: number;
}

const toVersion = (raw: RawPlanVersion): PlanVersion => ({
  taskId: raw.task_id,
  version: raw.version,
  author: raw.author,
  plan: planSchema.parse(JSON.parse(raw.plan)),
  markdown: raw.markdown,
  contentHash: raw.content_hash,
  status: raw.status,
  decision: raw.decision === null ? null : planDecisionSchema.parse(JSON.parse(raw.decision)),
  createdAt: raw.created_at,
});

interface RawStepProgress {
  task_id: string;
  step_id: string;
  status: StepStatus;
  note: string | null;
  updated_at: number;
}

const toProgress = (raw: RawStepProgress): StepProgress => ({ taskId: raw.task_id, stepId: raw.step_id, status: raw.status, note: raw.note, updatedAt: raw.updated_at });

export type PlanRepository = ReturnType<typeof createPlanRepository>;

/** Tables `plan_version` and `plan_step_progress` (migration 5). */
export function createPlanRepository(db: Db) {
  const insertVersion = db.prepare(
    `INSERT INTO plan_version (task_id, version, author, plan, markdown, content_hash, status, decision, created_at)
     VALUES (@taskId, @version, @author, @plan, @markdown, @contentHash, @status, @decision, @createdAt)`,
  );
  const versionOf = db.prepare<[string, number], RawPlanVersion>('SELECT * FROM plan_version WHERE task_id = ? AND version = ?');
  const versionsOf = db.prepare<[string], RawPlanVersion>('SELECT * FROM plan_version WHERE task_id = ? ORDER BY version');
  const latestOf = db.prepare<[string], RawPlanVersion>('SELECT * FROM plan_version WHERE task_id = ? ORDER BY version DESC LIMIT 1');
  const nextVersion = db.prepare<[string], { next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM plan_version WHERE task_id = ?');
  const setStatus = db.prepare('UPDATE plan_version SET status = @status, decision = @decision WHERE task_id = @taskId AND version = @version');
  const supersede = db.prepare("UPDATE plan_version SET status = 'superseded' WHERE task_id = ? AND status = 'proposed'");
  const upsertProgress = db.prepare(
    `INSERT INTO plan_step_progress (task_id, step_id, status, note, updated_at) VALUES (@taskId, @stepId, @status, @note, @updatedAt)
     ON CONFLICT (task_id, step_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
  );
  const progressOf = db.prepare<[string], RawStepProgress>('SELECT * FROM plan_step_progress WHERE task_id = ? ORDER BY CAST(substr(step_id, 2) AS INTEGER)');

  return {
    /**
     * Stores the next version of a task's plan: earlier versions still waiting at the gate are
     * superseded by it, in the same transaction. Returns the version number it got.
     */
    addVersion: (version: Omit<PlanVersion, 'version'>): number =>
      db.transaction(() => {
        const number = nextVersion.get(version.taskId)!.next;
        supersede.run(version.taskId);
        insertVersion.run({
          ...version,
          version: number,
          plan: JSON.stringify(version.plan),
          decision: version.decision === null ? null : JSON.stringify(version.decision),
        });
        return number;
      })(),
    get: (taskId: string, version: number): PlanVersion | undefined => {
      const raw = versionOf.get(taskId, version);
      return raw && toVersion(raw);
    },
    list: (taskId: string): PlanVersion[] => versionsOf.all(taskId).map(toVersion),
    latest: (taskId: string): PlanVersion | undefined => {
      const raw = latestOf.get(taskId);
      return raw && toVersion(raw);
    },
    decide: (taskId: string, version: number, status: PlanVersionStatus, decision: PlanDecision | null): boolean =>
      setStatus.run({ taskId, version, status, decision: decision === null ? null : JSON.stringify(decision) }).changes > 0,
    setStepProgress: (progress: StepProgress): void => {
      upsertProgress.run(progress);
    },
    progress: (taskId: string): StepProgress[] => progressOf.all(taskId).map(toProgress),
  };
}
