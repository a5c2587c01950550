import type { TimelineEvent } from '../../../src-shared/contract';
import type { Bridge, BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { onSelectedTaskChanged, useSelectionStore } from '../selection/selection-store';
import { OpenTimeline, type LiveOutcome } from './open-timeline';
import { useTimelineStore, type TimelineView } from './timeline-store';

/** Small enough that opening a long task paints at once; older pages come on scroll-up. */
const newestPageSize = 150;
const olderPageSize = 400;
/** Refetches in a row after gaps before giving up until the next event or reopen. */
const maxGapRefetches = 3;

/** Marks for the `open-history` benchmark: from choosing a task to its first painted rows. */
export const conversationOpenMark = 'braid:conversation-open';
export const conversationFirstRenderMark = 'braid:conversation-first-render';

/**
 * Keeps the conversation of the selected task: loads its newest page when it opens, folds
 * `agent.timeline` batches in, refetches after a gap or a reconnect, and loads older pages on
 * request. Other tasks' batches are dropped (only counted): they are fetched when opened.
 */
export class TimelineSync {
  private open: OpenTimeline | null = null;
  private openCount = 0;
  private announcementCount = 0;
  private gapRefetches = 0;
  /** Events of tasks that are not open, dropped on arrival. */
  readonly droppedEvents = new Map<string, number>();

  constructor(private readonly api: Bridge) {}

  openTask(taskId: string | null): void {
    if (this.open?.taskId === taskId) return;
    if (this.open) useTimelineStore.getState().drop(this.open.taskId);
    this.open = null;
    if (taskId === null) return;
    performance.mark(conversationOpenMark);
    const timeline = new OpenTimeline(taskId);
    this.open = timeline;
    this.gapRefetches = 0;
    this.openCount += 1;
    useTimelineStore.getState().put(taskId, initialView(this.openCount));
    void this.fetchNewest(timeline);
  }

  receive(taskId: string, events: readonly TimelineEvent[]): void {
    const timeline = this.open;
    if (timeline?.taskId !== taskId) {
      this.droppedEvents.set(taskId, (this.droppedEvents.get(taskId) ?? 0) + events.length);
      return;
    }
    this.handle(timeline, timeline.receiveLive(events));
  }

  /** After a reconnect events may have been missed while the socket was down. */
  reloadOpen(): void {
    if (this.open) this.refetch(this.open);
  }

  async loadOlder(taskId: string): Promise<void> {
    const timeline = this.open;
    const view = useTimelineStore.getState().byTask[taskId];
    if (timeline?.taskId !== taskId || !view || view.loadingOlder || !timeline.loaded || !timeline.hasMore) return;
    const beforeSeq = timeline.oldestSeq;
    if (beforeSeq === null) return;
    useTimelineStore.getState().patch(taskId, { loadingOlder: true, olderError: null });
    const result = await this.api.invoke('agent.history', { taskId, beforeSeq, limit: olderPageSize });
    if (this.open !== timeline) return;
    if (!result.ok) {
      useTimelineStore.getState().patch(taskId, { loadingOlder: false, olderError: result.error.message });
      return;
    }
    timeline.acceptOlderPage(result.data);
    this.publish(timeline, null, { loadingOlder: false });
  }

  private async fetchNewest(timeline: OpenTimeline): Promise<void> {
    const result = await this.api.invoke('agent.history', { taskId: timeline.taskId, limit: newestPageSize });
    if (this.open !== timeline) return;
    if (!result.ok) {
      timeline.abandonNewestPage();
      useTimelineStore.getState().patch(timeline.taskId, {
        load: timeline.fold.items.length > 0 ? 'ready' : 'failed',
        loadError: result.error.message,
      });
      return;
    }
    this.handle(timeline, timeline.acceptNewestPage(result.data));
  }

  private handle(timeline: OpenTimeline, outcome: LiveOutcome): void {
    if (outcome.kind === 'applied') {
      this.gapRefetches = 0;
      this.publish(timeline, outcome.completed);
    } else if (outcome.kind === 'gap' && this.gapRefetches < maxGapRefetches) {
      this.gapRefetches += 1;
      this.refetch(timeline);
    }
  }

  private refetch(timeline: OpenTimeline): void {
    timeline.expectNewestPage();
    void this.fetchNewest(timeline);
  }

  private publish(timeline: OpenTimeline, completed: string | null, extra: Partial<TimelineView> = {}): void {
    const change: Partial<TimelineView> = {
      load: 'ready',
      loadError: null,
      items: timeline.fold.items,
      activeErrorKey: timeline.fold.activeErrorKey,
      hasMore: timeline.hasMore,
      ...extra,
    };
    if (completed !== null) {
      this.announcementCount += 1;
      change.announcement = { id: this.announcementCount, text: completed };
    }
    useTimelineStore.getState().patch(timeline.taskId, change);
  }
}

function initialView(openId: number): TimelineView {
  return {
    openId,
    load: 'loading',
    loadError: null,
    items: [],
    activeErrorKey: null,
    hasMore: false,
    loadingOlder: false,
    olderError: null,
    announcement: null,
  };
}

let active: TimelineSync | null = null;

/** Asks for the page before the oldest loaded row of the open task (scrolling up). */
export function requestOlderPage(taskId: string): void {
  void active?.loadOlder(taskId);
}

/** Wires the open conversation to the host: selection, `agent.timeline` and reconnects. */
export function syncTimeline({ api, connection }: BridgeHandle): () => void {
  const sync = new TimelineSync(api);
  active = sync;
  sync.openTask(useSelectionStore.getState().selectedTaskId);
  const unsubscribers = [
    onSelectedTaskChanged((taskId) => sync.openTask(taskId)),
    api.on('agent.timeline', ({ taskId, events }) => sync.receive(taskId, events)),
    onReconnected(connection, () => sync.reloadOpen()),
  ];
  return () => {
    unsubscribers.forEach((off) => off());
    if (active === sync) active = null;
  };
}
