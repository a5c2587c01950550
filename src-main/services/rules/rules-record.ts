import type { GivenRule, RulesGivenEntry, TimelineEvent } from '../../../src-shared/contract';

export interface RulesHistory {
  /** Every time the task was given rules, oldest first (what `/rules` and the rules panel show). */
  entries: RulesGivenEntry[];
  /** The rules (and warnings) of the newest run that recorded its system prompt's rules. */
  lastRun: { rules: GivenRule[]; warnings: string[] } | null;
  /**
   * Files a path brought into the model's view that it still sees: after the last `/clear` or
   * compaction, which drop those messages, a path brings its rules again.
   */
  inContext: Set<string>;
}

/** What a task's timeline says about the rules it was given. */
export function rulesHistory(events: readonly TimelineEvent[]): RulesHistory {
  const entries: RulesGivenEntry[] = [];
  let lastRun: RulesHistory['lastRun'] = null;
  let boundary = 0;
  for (const event of events) {
    if (event.kind === 'context_cleared') boundary = Math.max(boundary, event.seq);
    else if (event.kind === 'compaction') boundary = Math.max(boundary, event.upToSeq);
    else if (event.kind === 'rules_loaded') {
      entries.push({ seq: event.seq, at: event.at, trigger: event.trigger, path: event.path, rules: event.rules, warnings: event.warnings });
      if (event.trigger === 'run') lastRun = { rules: event.rules, warnings: event.warnings };
    }
  }
  const inContext = new Set<string>();
  for (const entry of entries) {
    if (entry.trigger === 'path' && entry.seq > boundary) for (const rule of entry.rules) inContext.add(rule.file);
  }
  return { entries, lastRun, inContext };
}

/** Whether a run's rules are the ones the last run recorded (then nothing new is recorded). */
export function sameRules(a: readonly GivenRule[] | null, b: readonly GivenRule[]): boolean {
  if (a === null || a.length !== b.length) return false;
  return a.every((rule, index) => {
    const other = b[index]!;
    return rule.file === other.file && rule.activation === other.activation && rule.chars === other.chars && rule.originalChars === other.originalChars && rule.importedBy === other.importedBy;
  });
}
