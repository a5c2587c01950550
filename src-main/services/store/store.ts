import { createAuditRepository, type AuditRepository } from './audit-repository';
import { openDatabase, type Db, type OpenDatabaseOptions } from './database';
import { createPipelineCheckRepository, type PipelineCheckRepository } from './pipeline-check-repository';
import { createPipelineRepository, type PipelineRepository } from './pipeline-repository';
import { createPlanRepository, type PlanRepository } from './plan-repository';
import { createProjectRepository, type ProjectRepository } from './project-repository';
import { createReviewCommentRepository, type ReviewCommentRepository } from './review-comment-repository';
import { createReviewReportRepository, type ReviewReportRepository } from './review-report-repository';
import { createSettingRepository, type SettingsStore } from './setting-repository';
import { createTaskRepository, type TaskRepository } from './task-repository';
import { createTimelineRepository, type TimelineRepository } from './timeline-repository';
import { createWorkspaceRepository, type WorkspaceRepository } from './workspace-repository';

/** The database and one repository object per table, opened once by the facade. */
export interface Store {
  db: Db;
  projects: ProjectRepository;
  workspaces: WorkspaceRepository;
  tasks: TaskRepository;
  settings: SettingsStore;
  timeline: TimelineRepository;
  reviewComments: ReviewCommentRepository;
  pipelines: PipelineRepository;
  pipelineChecks: PipelineCheckRepository;
  plans: PlanRepository;
  reviewReports: ReviewReportRepository;
  audit: AuditRepository;
  /** Runs `work` in one transaction (all or nothing). */
  transaction<T>(work: () => T): T;
  close(): void;
}

export function openStore(dataDir: string, options?: OpenDatabaseOptions): Store {
  const db = openDatabase(dataDir, options);
  return {
    db,
    projects: createProjectRepository(db),
    workspaces: createWorkspaceRepository(db),
    tasks: createTaskRepository(db),
    settings: createSettingRepository(db),
    timeline: createTimelineRepository(db),
    reviewComments: createReviewCommentRepository(db),
    pipelines: createPipelineRepository(db),
    pipelineChecks: createPipelineCheckRepository(db),
    plans: createPlanRepository(db),
    reviewReports: createReviewReportRepository(db),
    audit: createAuditRepository(db),
    transaction: (work) => db.transaction(work)(),
    close: () => db.close(),
  };
}
