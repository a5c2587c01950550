import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { matchProvenance, type ReviewHunk } from './hunk-provenance';
import type { DiffFile, FileDiff, ProvenanceEntry } from './review-types';

export interface FileReview {
  fileDiff: FileDiff | null;
  hunks: ReviewHunk[];
  loading: boolean;
  error: string | null;
  provenanceError: string | null;
  /** Fetches again now (after an action, or a `HUNK_CHANGED`). */
  reload(): void;
}

/**
 * The focused file's diff and the agent step behind each hunk. Fetched again whenever the
 * task's file list is refreshed (a `review.diffChanged` carries new entries), not only when
 * this file's counts change: an edit that keeps +/- equal still changes what is shown.
 * Stale answers (another file focused meanwhile) are dropped.
 */
export function useFileReview(taskId: string, file: DiffFile): FileReview {
  const api = useBridge();
  const [state, setState] = useState<{ key: string; fileDiff: FileDiff | null; provenance: ProvenanceEntry[] | null; error: string | null; provenanceError: string | null } | null>(null);
  const [reloads, setReloads] = useState(0);
  const [loading, setLoading] = useState(false);
  const request = useRef(0);
  const fileRef = useMemo(
    () => ({ path: file.path, pathBytes: file.pathBytes, oldPath: file.oldPath, oldPathBytes: file.oldPathBytes }),
    [file.path, file.pathBytes, file.oldPath, file.oldPathBytes],
  );
  const requestKey = `${taskId}\u0000${fileRef.pathBytes ?? fileRef.path}`;

  useEffect(() => {
    const id = ++request.current;
    setLoading(true);
    const skipProvenance = file.binary || file.tooLarge === true;
    void Promise.all([
      api.invoke('review.fileDiff', { taskId, file: stripUndefined(fileRef) }),
      skipProvenance
        ? Promise.resolve(null)
        : api.invoke('review.provenance', { taskId, path: fileRef.path, ...(fileRef.oldPath !== undefined && fileRef.oldPath !== fileRef.path ? { oldPath: fileRef.oldPath } : {}) }),
    ]).then(([diff, provenance]) => {
      if (request.current !== id) return;
      setLoading(false);
      setState({
        key: requestKey,
        fileDiff: diff.ok ? diff.data : null,
        error: diff.ok ? null : diff.error.message,
        provenance: provenance?.ok ? provenance.data : null,
        provenanceError: provenance && !provenance.ok ? provenance.error.message : null,
      });
    });
    // `file` is a new object with every refreshed list: that is the signal to fetch again.
  }, [api, taskId, requestKey, file, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  // A previous file's answer is never shown under this file's name.
  const current = state?.key === requestKey ? state : null;
  const hunks = useMemo(() => (current?.fileDiff ? matchProvenance(current.fileDiff.hunks, current.provenance, current.fileDiff.hunkIds) : []), [current]);
  return {
    fileDiff: current?.fileDiff ?? null,
    hunks,
    loading: loading || current === null,
    error: current?.error ?? null,
    provenanceError: current?.provenanceError ?? null,
    reload,
  };
}

/** The contract's input is strict: optional names are left out rather than sent as undefined. */
function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
