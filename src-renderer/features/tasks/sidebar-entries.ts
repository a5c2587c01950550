/** One line of the sidebar's list: a task of its own, or a pipeline with its tasks. */
export type SidebarEntry = { kind: 'task'; taskId: string } | { kind: 'pipeline'; pipelineId: string; taskIds: string[] };

/** Groups a project's tasks (oldest first) by pipeline, each group where its first task is. */
export function sidebarEntries(taskIds: readonly string[], pipelineOf: (taskId: string) => string | null): SidebarEntry[] {
  const entries: SidebarEntry[] = [];
  const groups = new Map<string, Extract<SidebarEntry, { kind: 'pipeline' }>>();
  for (const taskId of taskIds) {
    const pipelineId = pipelineOf(taskId);
    if (pipelineId === null) {
      entries.push({ kind: 'task', taskId });
      continue;
    }
    const group = groups.get(pipelineId);
    if (group) group.taskIds.push(taskId);
    else {
      const created = { kind: 'pipeline' as const, pipelineId, taskIds: [taskId] };
      groups.set(pipelineId, created);
      entries.push(created);
    }
  }
  return entries;
}
