import { fail, ok, type MethodOutput, type Result, type Task } from '../../../src-shared/contract';
import type { WorkspaceContext } from '../workspaces/context';
import { deleteTask, type DeleteTaskArgs } from '../workspaces/delete-workspace';
import { createTask, type CreatedTask, type CreateTaskArgs } from './create-task';

export type TaskService = ReturnType<typeof createTaskService>;

export function createTaskService(context: WorkspaceContext) {
  return {
    list(projectId: string): Result<Task[]> {
      if (!context.store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      return ok(context.store.tasks.listByProject(projectId).map(context.decorateTask));
    },
    create: (args: CreateTaskArgs): Promise<Result<CreatedTask>> => createTask(context, args),
    delete: (args: DeleteTaskArgs): Promise<Result<MethodOutput<'tasks.delete'>>> => deleteTask(context, args),
  };
}
