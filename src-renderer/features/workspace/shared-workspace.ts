import { workspaceSharedSchema, type AppError, type SharingTask } from '../../../src-shared/contract';

export type { SharingTask };

/** The tasks a refused delete or archive named as sharing the workspace (`WORKSPACE_SHARED`), if that is what it was. */
export function sharingTasksFrom(error: AppError): SharingTask[] | null {
  if (error.code !== 'WORKSPACE_SHARED') return null;
  const parsed = workspaceSharedSchema.safeParse(error.details);
  return parsed.success ? parsed.data.tasks : [];
}
