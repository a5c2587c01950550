import { fail, ok, type workspaceSetupMethods } from '../../../src-shared/contract';
import type { HandlerTable } from '../dispatch';
import type { HandlerContext } from './index';

type WorkspaceMethods = 'app.info' | 'app.storageTrouble' | `projects.${string}` | `tasks.${string}` | `workspaces.${string}`;

/** A project's pipeline settings are served with the plans (plan-handlers.ts), workspace setup on its own (workspace-setup-handlers.ts). */
type OwnMethods = Exclude<Extract<keyof HandlerTable, WorkspaceMethods>, `projects.pipelineSettings.${string}` | keyof typeof workspaceSetupMethods>;

export function workspaceHandlers({ services, appInfo, pickFolder }: HandlerContext): Pick<HandlerTable, OwnMethods> {
  return {
    'app.info': () => ok(appInfo),
    'app.storageTrouble': () => ok({ trouble: services.storageTrouble() }),

    'projects.list': () => ok(services.projects.list()),
    'projects.add': ({ path }) => services.projects.add(path),
    'projects.remove': ({ projectId }) => services.projects.remove(projectId),
    'projects.branches': ({ projectId }) => services.projects.branches(projectId),
    'projects.completePath': async ({ partial }) => ok(await services.projects.completePath(partial)),
    'projects.pickFolder': async () => {
      if (!pickFolder) return fail('UNSUPPORTED', 'Folder dialogs are only available in the desktop app; type the path instead.');
      return ok({ path: await pickFolder() });
    },

    'tasks.list': ({ projectId }) => services.tasks.list(projectId),
    'tasks.create': async (args) => {
      const created = await services.tasks.create(args);
      // The worktree is made in the background; its state arrives as `tasks.changed` events.
      return created.ok ? ok(created.data.task) : created;
    },
    'tasks.delete': (args) => services.tasks.delete(args),

    'workspaces.recreate': ({ taskId }) => services.workspaces.recreate(taskId),
    'workspaces.orphans': ({ projectId }) => services.workspaces.orphans(projectId),
    'workspaces.removeOrphan': ({ projectId, path }) => services.workspaces.removeOrphan(projectId, path),
  };
}
