import type { AuditEntry } from '../../../src-shared/contract';

/**
 * Entries loaded so far, newest first, merged with a page just read (the newest page again
 * after `audit.changed`, or an older one): each seq once, the fresh copy kept.
 */
export function mergeAuditPages(loaded: readonly AuditEntry[], page: readonly AuditEntry[]): AuditEntry[] {
  const bySeq = new Map<number, AuditEntry>();
  for (const entry of loaded) bySeq.set(entry.seq, entry);
  for (const entry of page) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq);
}
