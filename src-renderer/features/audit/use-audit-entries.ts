import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { mergeAuditPages } from './audit-pages';

/** A task's or a pipeline's entries, or the whole project's. */
export type AuditScope = { taskId: string } | { pipelineId: string } | 'project';

/** The scope as `audit.*` arguments. */
export function scopeArgs(scope: AuditScope): { taskId?: string; pipelineId?: string } {
  return scope === 'project' ? {} : scope;
}

const pageSize = 100;
/** New entries arrive in bursts (a running agent): the newest page is read again at most this often. */
const refreshDelayMs = 500;

/**
 * The scope's entries, newest first: the newest page on mount and whenever the project's trail
 * grows (`audit.changed`), older pages on request.
 */
export function useAuditEntries(projectId: string, scope: AuditScope) {
  const api = useBridge();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const { taskId, pipelineId } = scopeArgs(scope);
  // Answers for an earlier scope (the user opened another task) are dropped.
  const generation = useRef(0);
  /** Whether the first page of this scope is in: later newest pages say nothing about older ones. */
  const started = useRef(false);

  const load = useCallback(
    async (beforeSeq?: number) => {
      const mine = generation.current;
      setLoading(true);
      const result = await api.invoke('audit.list', { projectId, taskId, pipelineId, beforeSeq, limit: pageSize });
      if (mine !== generation.current) return;
      setLoading(false);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      setEntries((loaded) => mergeAuditPages(loaded, result.data.entries));
      // The first page, and each older one, say whether there is more beyond what is loaded.
      if (beforeSeq !== undefined || !started.current) setHasMore(result.data.hasMore);
      started.current = true;
    },
    [api, projectId, taskId, pipelineId],
  );

  useEffect(() => {
    generation.current += 1;
    started.current = false;
    setEntries([]);
    setHasMore(false);
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('audit.changed', (changed) => {
      if (changed.projectId !== projectId || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void load();
      }, refreshDelayMs);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, load, projectId]);

  const loadOlder = useCallback(() => {
    const oldest = entries.at(-1);
    if (oldest) void load(oldest.seq);
  }, [entries, load]);

  return { entries, hasMore, loading, error, loadOlder };
}
