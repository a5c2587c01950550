import { fail, ok, type AuditEntry, type AuditExport, type AuditVerification, type MethodArgs, type Result } from '../../../src-shared/contract';
import type { AuditScope } from '../store/audit-repository';
import type { Store } from '../store/store';
import { slugify } from '../workspaces/slug';
import { auditJsonl, auditMarkdown, toAuditEntry } from './audit-export';
import type { AuditLog } from './audit-log';
import { verifyChain } from './verify-chain';

export interface AuditServiceOptions {
  store: Store;
  log: AuditLog;
  /** Writes what waits (timeline and audit) before a read, so the answer includes it. */
  flush: () => void;
  now: () => number;
}

export type AuditService = ReturnType<typeof createAuditService>;

/** What the contract's `audit.*` methods read: pages, verification, exports. */
export function createAuditService({ store, log, flush, now }: AuditServiceOptions) {
  const project = (projectId: string) => store.projects.get(projectId);
  const scopeOf = (args: { taskId?: string; pipelineId?: string }): AuditScope => (args.taskId !== undefined ? { taskId: args.taskId } : args.pipelineId !== undefined ? { pipelineId: args.pipelineId } : {});

  const verify = (projectId: string): AuditVerification => verifyChain(() => store.audit.each(projectId), log.appendedHead(projectId));

  /** Words for the report's scope: a task's title (from its `task.created` entry once it is gone). */
  const describeScope = (scope: AuditScope, entries: readonly AuditEntry[]): { label: string; slug: string } => {
    if (scope.taskId !== undefined) {
      const created = entries.find((entry) => entry.type === 'task.created');
      const title = store.tasks.get(scope.taskId)?.title ?? (typeof created?.payload.title === 'string' ? created.payload.title : scope.taskId);
      return { label: `task “${title}” (${scope.taskId})`, slug: `task-${slugify(title, scope.taskId)}` };
    }
    if (scope.pipelineId !== undefined) {
      const title = store.pipelines.get(scope.pipelineId)?.title ?? scope.pipelineId;
      return { label: `pipeline “${title}” (${scope.pipelineId})`, slug: `pipeline-${slugify(title, scope.pipelineId)}` };
    }
    return { label: 'the whole project', slug: 'project' };
  };

  return {
    list(args: MethodArgs<'audit.list'>): Result<{ entries: AuditEntry[]; hasMore: boolean }> {
      if (!project(args.projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      flush();
      const rows = store.audit.page(args.projectId, args.beforeSeq ?? Number.MAX_SAFE_INTEGER, args.limit + 1, scopeOf(args));
      return ok({ entries: rows.slice(0, args.limit).map(toAuditEntry), hasMore: rows.length > args.limit });
    },

    /** Who asked for each task of a pipeline (`user`, or `braid` for the stages it started itself): what the pipeline view says. */
    creatorsInPipeline(projectId: string, pipelineId: string): Map<string, string> {
      flush();
      return store.audit.creatorsInPipeline(projectId, pipelineId);
    },

    verify(projectId: string): Result<AuditVerification> {
      if (!project(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      flush();
      return ok(verify(projectId));
    },

    export(args: MethodArgs<'audit.export'>): Result<AuditExport> {
      const row = project(args.projectId);
      if (!row) return fail('NOT_FOUND', 'That project is not open in Braid.');
      flush();
      const scope = scopeOf(args);
      const stored =
        scope.taskId !== undefined
          ? store.audit.ofTask(args.projectId, scope.taskId)
          : scope.pipelineId !== undefined
            ? store.audit.ofPipeline(args.projectId, scope.pipelineId)
            : store.audit.all(args.projectId);
      const entries = stored.map(toAuditEntry);
      const exportedAt = now();
      const { label, slug } = describeScope(scope, entries);
      const stamp = new Date(exportedAt).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      const base = `braid-audit-${slugify(row.name, 'project')}-${slug}-${stamp}`;
      if (args.format === 'jsonl') return ok({ fileName: `${base}.jsonl`, content: auditJsonl(entries), entries: entries.length });
      const content = auditMarkdown({ projectName: row.name, scope: label, scoped: scope.taskId !== undefined || scope.pipelineId !== undefined, verification: verify(args.projectId), exportedAt, entries });
      return ok({ fileName: `${base}.md`, content, entries: entries.length });
    },
  };
}
