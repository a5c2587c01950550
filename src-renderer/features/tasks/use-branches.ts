import { useEffect, useState } from 'react';
import type { Branches } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

export type BranchesLoad = { status: 'loading' } | { status: 'loaded'; branches: Branches } | { status: 'failed'; message: string };

/** A project's local branches, read fresh each time (the user may have switched branch meanwhile). */
export function useBranches(projectId: string): BranchesLoad {
  const api = useBridge();
  const [load, setLoad] = useState<BranchesLoad>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    void api.invoke('projects.branches', { projectId }).then((result) => {
      if (!current) return;
      setLoad(result.ok ? { status: 'loaded', branches: result.data } : { status: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [api, projectId]);
  return load;
}

/** The base a new task starts from unless the user picks another: the checkout's current branch. */
export function defaultBaseBranch(branches: Branches): string | null {
  return branches.current ?? branches.default ?? branches.local[0] ?? null;
}
