import type { Db } from './database';

export interface ProjectRow {
  id: string;
  name: string;
  path: string;
  defaultBranch: string | null;
  createdAt: number;
}

interface RawProject {
  id: string;
  name: string;
  path: string;
  default_branch: string | null;
  created_at: number;
}

const toRow = (raw: RawProject): ProjectRow => ({
  id: raw.id,
  name: raw.name,
  path: raw.path,
  defaultBranch: raw.default_branch,
  createdAt: raw.created_at,
});

export type ProjectRepository = ReturnType<typeof createProjectRepository>;

export function createProjectRepository(db: Db) {
  const all = db.prepare<[], RawProject>('SELECT * FROM project ORDER BY created_at, name');
  const byId = db.prepare<[string], RawProject>('SELECT * FROM project WHERE id = ?');
  const byPath = db.prepare<[string], RawProject>('SELECT * FROM project WHERE path = ?');
  const insert = db.prepare(
    'INSERT INTO project (id, name, path, default_branch, created_at) VALUES (@id, @name, @path, @defaultBranch, @createdAt)',
  );
  const setDefault = db.prepare('UPDATE project SET default_branch = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM project WHERE id = ?');

  return {
    list: (): ProjectRow[] => all.all().map(toRow),
    get: (id: string): ProjectRow | undefined => {
      const raw = byId.get(id);
      return raw && toRow(raw);
    },
    findByPath: (path: string): ProjectRow | undefined => {
      const raw = byPath.get(path);
      return raw && toRow(raw);
    },
    insert: (row: ProjectRow): void => {
      insert.run(row);
    },
    setDefaultBranch: (id: string, branch: string | null): void => {
      setDefault.run(branch, id);
    },
    /** Removes the project and, by cascade, its workspace and task rows. */
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}
