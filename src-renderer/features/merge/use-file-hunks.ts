import { useEffect, useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import type { FileDiff } from './hunk-summary';

export interface FileHunksState {
  /** The last answer; kept while a reload is under way so the list does not flicker. */
  diff: FileDiff | null;
  loading: boolean;
  error: string | null;
}

/**
 * `review.fileDiff` of one file of a task, asked again when `reloadToken` changes (the preview
 * was refreshed, the workspace moved). An answer is dropped once superseded or once the list
 * (or the whole dialog) is gone, so a late reply never lands on newer state.
 */
export function useFileHunks(taskId: string, path: string, reloadToken: string): FileHunksState {
  const api = useBridge();
  const [state, setState] = useState<FileHunksState>({ diff: null, loading: true, error: null });
  useEffect(() => {
    let live = true;
    setState((known) => ({ ...known, loading: true }));
    void api.invoke('review.fileDiff', { taskId, file: { path } }).then((result) => {
      if (!live) return;
      setState(result.ok ? { diff: result.data, loading: false, error: null } : { diff: null, loading: false, error: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, taskId, path, reloadToken]);
  return state;
}
