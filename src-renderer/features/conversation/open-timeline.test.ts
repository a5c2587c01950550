import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../src-shared/contract';
import { OpenTimeline } from './open-timeline';

/** User messages numbered `from`..`to`, as the host stores them. */
function messages(from: number, to: number): TimelineEvent[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ kind: 'user_message', text: `m${from + i}`, seq: from + i, at: 0 }));
}

const texts = (timeline: OpenTimeline) => timeline.fold.items.map((item) => (item.kind === 'user' ? item.text : item.kind));

describe('open timeline', () => {
  it('appends live events after the newest page and drops ones it already has', () => {
    const timeline = new OpenTimeline('t1');
    timeline.acceptNewestPage({ events: messages(1, 3), hasMore: false });
    expect(timeline.receiveLive(messages(2, 5))).toEqual({ kind: 'applied', completed: null });
    expect(timeline.receiveLive(messages(4, 5))).toEqual({ kind: 'ignored' });
    expect(texts(timeline)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('asks for a refetch when events were missed', () => {
    const timeline = new OpenTimeline('t1');
    timeline.acceptNewestPage({ events: messages(1, 3), hasMore: false });
    expect(timeline.receiveLive(messages(6, 7))).toEqual({ kind: 'gap' });
    expect(texts(timeline)).toEqual(['m1', 'm2', 'm3']);
  });

  it('holds live events that arrive while the newest page loads, then applies the new ones', () => {
    const timeline = new OpenTimeline('t1');
    expect(timeline.receiveLive(messages(3, 4))).toEqual({ kind: 'ignored' });
    expect(timeline.acceptNewestPage({ events: messages(1, 3), hasMore: false }).kind).toBe('applied');
    expect(texts(timeline)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('is loaded when every event that arrived while the newest page loaded is already in it (they streamed before the page was read)', () => {
    const timeline = new OpenTimeline('t1');
    expect(timeline.receiveLive(messages(2, 3))).toEqual({ kind: 'ignored' });
    expect(timeline.acceptNewestPage({ events: messages(1, 3), hasMore: false })).toEqual({ kind: 'applied', completed: null });
    expect(texts(timeline)).toEqual(['m1', 'm2', 'm3']);
  });

  it('puts older pages in front and refolds rows that span the boundary', () => {
    const timeline = new OpenTimeline('t1');
    timeline.acceptNewestPage({
      events: [
        { kind: 'tool_status', callId: 'c1', status: 'running', seq: 3, at: 0 },
        { kind: 'tool_result', callId: 'c1', isError: false, text: 'ok', durationMs: 5, seq: 4, at: 0 },
      ],
      hasMore: true,
    });
    expect(timeline.fold.items).toEqual([]);
    timeline.acceptOlderPage({
      events: [
        { kind: 'user_message', text: 'go', seq: 1, at: 0 },
        { kind: 'tool_call', step: 1, callId: 'c1', name: 'read_file', args: {}, seq: 2, at: 0 },
      ],
      hasMore: false,
    });
    expect(timeline.oldestSeq).toBe(1);
    expect(timeline.hasMore).toBe(false);
    expect(timeline.fold.items).toMatchObject([{ kind: 'user' }, { kind: 'tool', status: 'done', result: { text: 'ok' } }]);
  });

  it('drops an older page that no longer joins on (the newest page was refetched meanwhile)', () => {
    const timeline = new OpenTimeline('t1');
    timeline.acceptNewestPage({ events: messages(50, 60), hasMore: true });
    timeline.acceptOlderPage({ events: messages(10, 20), hasMore: true });
    expect(timeline.oldestSeq).toBe(50);
  });

  it('waits for a refetched newest page before applying live events again', () => {
    const timeline = new OpenTimeline('t1');
    timeline.acceptNewestPage({ events: messages(1, 2), hasMore: false });
    timeline.expectNewestPage();
    expect(timeline.receiveLive(messages(9, 9))).toEqual({ kind: 'ignored' });
    timeline.acceptNewestPage({ events: messages(1, 8), hasMore: false });
    expect(texts(timeline)).toHaveLength(9);
  });

  it('goes on with what it has when a refetch fails, so a later batch can trigger another', () => {
    const timeline = new OpenTimeline('t1');
    timeline.acceptNewestPage({ events: messages(1, 2), hasMore: false });
    timeline.expectNewestPage();
    timeline.abandonNewestPage();
    expect(timeline.receiveLive(messages(3, 3)).kind).toBe('applied');
    expect(timeline.receiveLive(messages(7, 7))).toEqual({ kind: 'gap' });
  });
});
