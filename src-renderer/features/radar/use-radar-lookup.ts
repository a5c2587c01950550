import { useMemo } from 'react';
import type { Task } from '../../../src-shared/contract';
import { useTasksStore } from '../tasks/tasks-store';
import type { RadarLookup, RadarTaskInfo } from './radar-text';

function infoOf(task: Task): RadarTaskInfo {
  return { title: task.title, mergedInto: task.workspace.merged?.targetBranch ?? null };
}

/**
 * Titles and merged state of a project's tasks, as the radar texts need them. The selector
 * returns a string, so streaming agent usage (which changes tasks constantly) re-renders
 * nothing here; only a title or a merge does.
 */
export function useRadarLookup(projectId: string | undefined): RadarLookup {
  const serialized = useTasksStore((s) => {
    if (!projectId) return '{}';
    const ids = s.idsByProject[projectId] ?? [];
    return JSON.stringify(Object.fromEntries(ids.flatMap((id) => (s.byId[id] ? [[id, infoOf(s.byId[id])]] : []))));
  });
  return useMemo(() => {
    const infos = JSON.parse(serialized) as Record<string, RadarTaskInfo>;
    return (taskId: string) => infos[taskId];
  }, [serialized]);
}
