import { workAtRiskSchema, type AppError, type WorkAtRisk } from '../../../src-shared/contract';

/** The uncommitted files and unmerged commits a refused delete reported, if that is what it was. */
export function workAtRiskFrom(error: AppError): WorkAtRisk | null {
  if (error.code !== 'WORKSPACE_HAS_WORK') return null;
  const parsed = workAtRiskSchema.safeParse(error.details);
  return parsed.success ? parsed.data : { uncommitted: [], unmergedCommits: [] };
}
