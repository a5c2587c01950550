import type { TimelineEvent } from '../../../src-shared/contract';
import { completedAssistantText, emptyFold, foldEvents, type TimelineFold } from './timeline-fold';

export interface HistoryPage {
  events: TimelineEvent[];
  hasMore: boolean;
}

/** What the caller must do after live events arrived. */
export type LiveOutcome =
  /** Folded in; `completed` is the text of an assistant message that just finished, if any. */
  | { kind: 'applied'; completed: string | null }
  /** Nothing new (all already known), or kept until the newest page is in. */
  | { kind: 'ignored' }
  /** Events were missed (a reconnect, a dropped batch): fetch the newest page again. */
  | { kind: 'gap' };

/**
 * The timeline of the one task whose conversation is open: the raw events loaded so far
 * (kept so an older page can be folded in front of them) and their fold. Seqs are per task,
 * start at 1 and have no holes, so a missed batch shows as a jump.
 */
export class OpenTimeline {
  private events: TimelineEvent[] = [];
  private buffered: TimelineEvent[] = [];
  fold: TimelineFold = emptyFold;
  /** False until the first newest page is in; live events wait meanwhile. */
  loaded = false;
  private everLoaded = false;
  hasMore = false;

  constructor(readonly taskId: string) {}

  get oldestSeq(): number | null {
    return this.events[0]?.seq ?? null;
  }

  get newestSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** The newest page replaces whatever was loaded; live events that came meanwhile follow it. */
  acceptNewestPage(page: HistoryPage): LiveOutcome {
    this.events = page.events.slice();
    this.hasMore = page.hasMore;
    this.fold = foldEvents(emptyFold, this.events);
    this.loaded = true;
    this.everLoaded = true;
    const waiting = this.buffered;
    this.buffered = [];
    const live = waiting.length > 0 ? this.receiveLive(waiting, false) : null;
    // Events that streamed before the page was read are in it already: the page itself is what is applied.
    return live && live.kind !== 'ignored' ? live : { kind: 'applied', completed: null };
  }

  /** An older page goes in front; the whole fold is redone because rows may span the boundary. */
  acceptOlderPage(page: HistoryPage): void {
    const oldest = this.oldestSeq ?? Number.POSITIVE_INFINITY;
    const older = page.events.filter((event) => event.seq < oldest);
    if (older.length === 0) {
      this.hasMore = this.hasMore && page.hasMore;
      return;
    }
    // A page asked for before the newest page was refetched may not join on: drop it.
    if (older.at(-1)!.seq !== oldest - 1) return;
    this.hasMore = page.hasMore;
    this.events = [...older, ...this.events];
    this.fold = foldEvents(emptyFold, this.events);
  }

  /** A refetch of the newest page is under way: live events wait for it. */
  expectNewestPage(): void {
    this.loaded = false;
  }

  /**
   * The refetch failed: go on with what is loaded (when anything is), so the next batch
   * either fits or shows the gap again, rather than waiting for a page that is not coming.
   */
  abandonNewestPage(): void {
    this.buffered = [];
    this.loaded = this.everLoaded;
  }

  receiveLive(incoming: readonly TimelineEvent[], announce = true): LiveOutcome {
    if (!this.loaded) {
      this.buffered.push(...incoming);
      return { kind: 'ignored' };
    }
    const known = this.newestSeq;
    const fresh = incoming.filter((event) => event.seq > known);
    if (fresh.length === 0) return { kind: 'ignored' };
    // An empty timeline starts at seq 1; anything later means we missed the start.
    if (fresh[0]!.seq > known + 1) return { kind: 'gap' };
    for (let i = 1; i < fresh.length; i += 1) if (fresh[i]!.seq !== fresh[i - 1]!.seq + 1) return { kind: 'gap' };
    const before = this.fold;
    this.events.push(...fresh);
    this.fold = foldEvents(before, fresh);
    return { kind: 'applied', completed: announce ? completedAssistantText(before, this.fold) : null };
  }
}
