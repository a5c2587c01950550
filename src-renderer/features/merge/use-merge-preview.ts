import { useEffect, useMemo, useRef, useState } from 'react';
import type { GatedMergePreview } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { mergeRequestFor, requestKey, type MergeChoices, type MergeRequest } from './merge-choices';

export type PreviewFile = GatedMergePreview['files'][number];

export interface MergePreviewState {
  preview: GatedMergePreview | null;
  /** The request the preview answers: `merge.run` sends exactly this. */
  request: MergeRequest | null;
  /** True when the preview answers the current choices (not older ones), even while it is being refreshed. */
  current: boolean;
  loading: boolean;
  error: string | null;
  /** Every file the workspace would merge (from a preview without exclusions), for the checkboxes. */
  allFiles: PreviewFile[] | null;
}

/** Choices settle for this long (typing a message) before the host is asked again. */
const settleMs = 200;

/**
 * Asks `merge.preview` whenever the choices change or `refreshToken` does (the radar moved,
 * a merge was outdated). Answers to superseded requests are dropped.
 */
export function useMergePreview(taskId: string, choices: MergeChoices, refreshToken: string, enabled: boolean): MergePreviewState {
  const api = useBridge();
  const [allFiles, setAllFiles] = useState<{ with: PreviewFile[] | null; without: PreviewFile[] | null }>({ with: null, without: null });
  const [answer, setAnswer] = useState<{ key: string; request: MergeRequest; preview: GatedMergePreview | null; error: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const sequence = useRef(0);

  const universe = choices.includeUncommitted ? allFiles.with : allFiles.without;
  const wanted = useMemo(() => mergeRequestFor(taskId, choices, universe?.map((file) => file.path) ?? null), [taskId, choices, universe]);
  // Until the full file list is known for a selective merge, ask for the whole merge first.
  const asked = wanted ?? (mergeRequestFor(taskId, { ...choices, excluded: [], hunks: {} }, null) as MergeRequest);
  const askedKey = requestKey(asked);

  useEffect(() => {
    if (!enabled) return;
    const ticket = ++sequence.current;
    setLoading(true);
    const request = asked;
    const timer = setTimeout(async () => {
      const result = await api.invoke('merge.preview', request);
      if (ticket !== sequence.current) return;
      setLoading(false);
      if (!result.ok) {
        setAnswer({ key: askedKey, request, preview: null, error: result.error.message });
        return;
      }
      if (!request.files && !request.hunks) {
        const files = result.data.files;
        setAllFiles((known) => (request.includeUncommitted ? { ...known, with: files } : { ...known, without: files }));
      }
      setAnswer({ key: askedKey, request, preview: result.data, error: null });
    }, settleMs);
    return () => clearTimeout(timer);
    // `asked` is described exactly by `askedKey`, so it is not listed itself.
  }, [api, askedKey, refreshToken, enabled]);

  // A refresh of the same request (the radar moved, Refresh preview) keeps the answer current:
  // Merge stays enabled while it runs, since `merge.run` is pinned to the commits this answer
  // showed and is refused (MERGE_OUTDATED, then previewed again) if any of them moved. Only
  // changed choices make it stale. A click landing as the radar refreshed used to be dropped.
  const current = wanted !== null && answer !== null && answer.key === requestKey(wanted);
  return {
    preview: answer?.preview ?? null,
    request: answer?.request ?? null,
    current,
    loading,
    error: answer?.error ?? null,
    allFiles: universe,
  };
}
