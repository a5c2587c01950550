import { openStore, type Store } from '../store/store';

/**
 * A real `braid.db` in `dataDir` with one project (`proj000001`), workspace and task
 * (`task000001`) in it, for tests of what is stored per task; reopening the same folder finds
 * them already there.
 */
export function storeWithTask(dataDir: string): Store {
  const store = openStore(dataDir);
  if (!store.tasks.get('task000001')) {
    store.projects.insert({ id: 'proj000001', name: 'app', path: '/code/app', defaultBranch: 'main', createdAt: 1 });
    store.workspaces.insert({
      id: 'work000001',
      projectId: 'proj000001',
      path: '/data/wt/a',
      branch: 'braid/a',
      baseBranch: 'main',
      baseCommit: null,
      state: 'ready',
      stateReason: null,
      branchExists: true,
      createdAt: 1,
    });
    store.tasks.insert({ id: 'task000001', projectId: 'proj000001', workspaceId: 'work000001', title: 'A', prompt: '', role: 'implement', createdAt: 1 });
  }
  return store;
}
