import { pipelineModelsSchema, type Pipeline } from '../../../src-shared/contract';
import type { Db } from './database';

interface RawPipeline {
  id: string;
  project_id: string;
  title: string;
  goal: string;
  models: string;
  created_at: number;
}

const toPipeline = (raw: RawPipeline): Pipeline => ({
  id: raw.id,
  projectId: raw.project_id,
  title: raw.title,
  goal: raw.goal,
  models: pipelineModelsSchema.parse(JSON.parse(raw.models)),
  createdAt: raw.created_at,
});

export type PipelineRepository = ReturnType<typeof createPipelineRepository>;

/** Table `pipeline` (migration 5): a goal taken through plan → implement → review. */
export function createPipelineRepository(db: Db) {
  const insert = db.prepare('INSERT INTO pipeline (id, project_id, title, goal, models, created_at) VALUES (@id, @projectId, @title, @goal, @models, @createdAt)');
  const byId = db.prepare<[string], RawPipeline>('SELECT * FROM pipeline WHERE id = ?');
  const byProject = db.prepare<[string], RawPipeline>('SELECT * FROM pipeline WHERE project_id = ? ORDER BY created_at, id');
  const remove = db.prepare('DELETE FROM pipeline WHERE id = ?');
  return {
    insert: (pipeline: Pipeline): void => {
      insert.run({ ...pipeline, models: JSON.stringify(pipeline.models) });
    },
    get: (id: string): Pipeline | undefined => {
      const raw = byId.get(id);
      return raw && toPipeline(raw);
    },
    listByProject: (projectId: string): Pipeline[] => byProject.all(projectId).map(toPipeline),
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}
