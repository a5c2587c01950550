import type { GateCommandView, MergeQueueView, QueueEntry } from '../../../src-shared/contract';

/** What an entry is doing, in a word or three (`waiting` carries its place among the waiting and running ones). */
export function entryStateText(entry: QueueEntry, place: number | null): string {
  switch (entry.state) {
    case 'queued':
      return place === null ? 'waiting' : `waiting (#${place})`;
    case 'building':
      return entry.speculative ? 'building ahead' : 'building';
    case 'testing':
      return entry.speculative ? 'testing ahead' : 'testing';
    case 'landing':
      return 'landing';
    case 'landed':
      return 'landed';
    case 'ejected':
      return 'ejected';
  }
}

/** "4 s", "1 min 05 s", "1 h 02 min". */
export function elapsedText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** How long the current (or last) attempt has taken: to now while it runs, to its end once finished; null before it ran. */
export function entryElapsedMs(entry: QueueEntry, now: number): number | null {
  if (entry.startedAt === null) return null;
  if (entry.state === 'queued') return null;
  return (entry.finishedAt ?? now) - entry.startedAt;
}

export function gateText(gate: GateCommandView): string {
  if (!gate.command) return `No gate command: an entry lands when it merges cleanly.${gate.problem ? ` (${gate.problem})` : ''}`;
  const from = gate.source === 'workspace.json' ? ' (test in .braid/workspace.json)' : '';
  const setup = gate.setup ? `, after ${gate.setup}` : '';
  return `Gate: ${gate.command}${from}${setup}`;
}

export function queueStatusText(queue: MergeQueueView): string {
  if (queue.paused) return queue.pauseReason ? `Paused: ${queue.pauseReason}` : 'Paused';
  const active = queue.entries.filter((entry) => entry.state !== 'landed' && entry.state !== 'ejected');
  if (active.length === 0) return 'Idle';
  return `${active.length} ${active.length === 1 ? 'entry' : 'entries'} to land`;
}

export const isActive = (entry: QueueEntry) => entry.state !== 'landed' && entry.state !== 'ejected';
