import { openDatabase, type Db, type OpenDatabaseOptions } from './database';
import { createProjectRepository, type ProjectRepository } from './project-repository';
import { createReviewCommentRepository, type ReviewCommentRepository } from './review-comment-repository';
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
    transaction: (work) => db.transaction(work)(),
    close: () => db.close(),
  };
}
