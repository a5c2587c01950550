import type { AuditProblem, AuditVerification } from '../../../src-shared/contract';
import type { StoredAuditEntry } from '../store/audit-repository';
import { canonicalJson } from './canonical-json';
import { entryHash, genesisHash } from './entry-hash';

type ChainHead = { seq: number; hash: string };

/**
 * Walks a project's entries oldest first and names the first that does not verify:
 * - `edited`: its content no longer gives its hash (payload, actor, time, ... changed);
 * - `missing`: `seq` jumps (entries deleted), or it was chained to an entry that is not there
 *   (one removed and the rest renumbered, or replaced);
 * - `reordered`: it was chained to an entry that is still there, elsewhere in the chain.
 * `entries` is called again only when something is broken, to tell a moved entry from an
 * edited or orphaned one. `expectedHead` (the newest entry this process wrote) catches entries
 * cut off the end, which a chain alone cannot show.
 */
export function verifyChain(entries: () => Iterable<StoredAuditEntry>, expectedHead?: ChainHead): AuditVerification {
  let previousHash = genesisHash;
  let expectedSeq = 1;
  let count = 0;
  let head: ChainHead | null = null;
  const broken = (seq: number, problem: AuditProblem, reason: string): AuditVerification => ({ ok: false, entries: count, firstBroken: { seq, problem, reason }, head });

  let suspect: { entry: StoredAuditEntry; contentMatches: boolean } | undefined;
  for (const entry of entries()) {
    count += 1;
    if (entry.seq !== expectedSeq) {
      const range = entry.seq - 1 === expectedSeq ? `Entry ${expectedSeq} is` : `Entries ${expectedSeq}–${entry.seq - 1} are`;
      return broken(expectedSeq, 'missing', `${range} missing: the chain jumps from ${expectedSeq - 1 || 'its start'} to ${entry.seq}.`);
    }
    const contentMatches = hashOf(entry, entry.seq) === entry.hash;
    if (!contentMatches || entry.prevHash !== previousHash) {
      // Explained once this walk is closed: the explanation reads the entries again.
      suspect = { entry, contentMatches };
      break;
    }
    previousHash = entry.hash;
    head = { seq: entry.seq, hash: entry.hash };
    expectedSeq += 1;
  }
  if (suspect) {
    const finding = explain(suspect.entry, suspect.contentMatches, entries);
    return broken(suspect.entry.seq, finding.problem, finding.reason);
  }
  if (expectedHead && (head === null || head.seq < expectedHead.seq)) {
    const after = head?.seq ?? 0;
    const which = after + 1 === expectedHead.seq ? `entry (${expectedHead.seq}) is` : `entries (${after + 1}–${expectedHead.seq}) are`;
    return broken(after + 1, 'missing', `The newest ${which} missing: the chain ends at ${after || 'its start'}.`);
  }
  if (expectedHead && head && head.seq === expectedHead.seq && head.hash !== expectedHead.hash) {
    return broken(head.seq, 'edited', `Entry ${head.seq} (the newest) is not the entry Braid wrote: it was replaced and hashed again.`);
  }
  return { ok: true, entries: count, firstBroken: null, head };
}

/**
 * Why `entry` breaks the chain. Each entry names the one it was written after (`prevHash`), so
 * following those links back to the start gives the place it was written at: an entry whose
 * hash verifies at that place, or whose predecessor is still there elsewhere, was moved; one
 * whose links lead to an entry that is gone follows a removal; anything else was edited.
 */
function explain(entry: StoredAuditEntry, contentMatches: boolean, entries: () => Iterable<StoredAuditEntry>): { problem: AuditProblem; reason: string } {
  const label = `Entry ${entry.seq} (${entry.type})`;
  const writtenAt = placeWrittenAt(entry, entries);
  if (!contentMatches) {
    if (writtenAt !== undefined && writtenAt !== entry.seq && hashOf(entry, writtenAt) === entry.hash) {
      return { problem: 'reordered', reason: `${label} was written as entry ${writtenAt}: entries were reordered.` };
    }
    return { problem: 'edited', reason: `${label} was changed after it was written: its content no longer matches its hash.` };
  }
  if (writtenAt === undefined) {
    return { problem: 'missing', reason: `${label} was chained to an entry that is not there any more: the entry before it was removed or replaced.` };
  }
  return { problem: 'reordered', reason: `${label} was written after an entry that is now elsewhere in the chain: entries were reordered.` };
}

/** The seq `entry` was written at, by following `prevHash` links back to the start; undefined when a link leads nowhere. */
function placeWrittenAt(entry: StoredAuditEntry, entries: () => Iterable<StoredAuditEntry>): number | undefined {
  const previousOf = new Map<string, string>();
  for (const other of entries()) previousOf.set(other.hash, other.prevHash);
  let place = 1;
  let link = entry.prevHash;
  while (link !== genesisHash) {
    const next = previousOf.get(link);
    // A link to nothing, or a loop (forged hashes): no place.
    if (next === undefined || place > previousOf.size) return undefined;
    link = next;
    place += 1;
  }
  return place;
}

/** The hash the entry's content gives at `seq`, from its parsed payload (not the stored text: the hash covers the content). */
function hashOf(entry: StoredAuditEntry, seq: number): string | null {
  let payload: unknown;
  try {
    payload = JSON.parse(entry.payloadJson);
  } catch {
    return null;
  }
  return entryHash(entry.prevHash, { ...entry, seq }, canonicalJson(payload));
}
