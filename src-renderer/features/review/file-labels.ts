import type { AgentCommand, DiffFile } from './review-types';

const statusLetters: Record<DiffFile['status'], { letter: string; label: string }> = {
  added: { letter: 'A', label: 'added' },
  modified: { letter: 'M', label: 'modified' },
  deleted: { letter: 'D', label: 'deleted' },
  renamed: { letter: 'R', label: 'renamed' },
  copied: { letter: 'C', label: 'copied' },
  typechange: { letter: 'T', label: 'type changed' },
  untracked: { letter: 'U', label: 'new, untracked' },
};

export const fileStatus = (status: DiffFile['status']) => statusLetters[status];

/** "3.4 MB" (decimal megabytes, one decimal; at least 0.1). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${mb >= 10 ? Math.round(mb) : Math.max(0.1, Math.round(mb * 10) / 10)} MB`;
}

export const tooLargeLabel = (bytes: number | undefined): string =>
  bytes === undefined ? 'too large to display' : `too large to display, ${formatMegabytes(bytes)}`;

/** The extra facts a file row mentions besides its counts. */
export function fileNotes(file: DiffFile): string[] {
  const notes: string[] = [];
  if (file.tooLarge) notes.push(tooLargeLabel(file.sizeBytes));
  if (file.binary) notes.push('binary');
  if (file.oldMode && file.newMode && file.oldMode !== file.newMode) notes.push(`mode ${file.oldMode} → ${file.newMode}`);
  return notes;
}

/** What a screen reader hears for a file row after its path. */
export function fileDescription(file: DiffFile): string {
  const parts = [fileStatus(file.status).label];
  if (file.oldPath && file.oldPath !== file.path) parts.push(`from ${file.oldPath}`);
  if (!file.binary && !file.tooLarge) parts.push(`+${file.additions} −${file.deletions}`);
  return [...parts, ...fileNotes(file)].join(', ');
}

/** "exit 0", "exit 2", "running", "denied", "killed". */
export function commandOutcomeLabel(command: AgentCommand): string {
  if (command.outcome === 'running') return 'running';
  if (command.outcome === 'denied') return 'denied';
  if (command.exitCode !== null) return `exit ${command.exitCode}`;
  return command.outcome === 'killed' ? 'killed' : command.outcome;
}

export const commandFailed = (command: AgentCommand): boolean => command.outcome === 'failed' || command.outcome === 'killed';
