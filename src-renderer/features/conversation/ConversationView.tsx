import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { InlineError } from '../../ui/InlineError';
import { VirtualList, type VirtualListHandle } from '../../ui/VirtualList';
import { ConversationAnnouncer } from './ConversationAnnouncer';
import { estimateRowHeight, TimelineRow } from './rows/TimelineRow';
import type { ViewItem } from './timeline-items';
import {
  useHasOlder,
  useLoadingOlder,
  useOlderError,
  useTimelineItems,
  useTimelineLoad,
  useTimelineLoadError,
  useTimelineOpenId,
  useRevealRequest,
} from './timeline-store';
import { conversationFirstRenderMark, requestOlderPage } from './timeline-sync';
import './conversation.css';

const itemKey = (item: ViewItem) => item.key;

/**
 * The open task's conversation: a windowed `log` of its timeline rows that follows new rows
 * while the user is at the bottom. Screen readers hear finished messages from the announcer,
 * not every streamed token (the log itself is not live).
 */
export const ConversationView = memo(function ConversationView({ taskId, prompt }: { taskId: string; prompt: string }) {
  const items = useTimelineItems(taskId);
  const load = useTimelineLoad(taskId);
  const loadError = useTimelineLoadError(taskId);
  const openId = useTimelineOpenId(taskId);
  const hasOlder = useHasOlder(taskId);
  const loadingOlder = useLoadingOlder(taskId);
  const olderError = useOlderError(taskId);
  const list = useRef<VirtualListHandle>(null);
  const [atBottom, setAtBottom] = useState(true);

  // Once per open, after the first rows are committed: the benchmark's `first_render_ms`.
  const marked = useRef(0);
  useLayoutEffect(() => {
    if (load !== 'ready' || openId === 0 || marked.current === openId) return;
    marked.current = openId;
    // The frame's callbacks run before its paint; the timeout lands just after it.
    requestAnimationFrame(() => setTimeout(() => performance.mark(conversationFirstRenderMark), 0));
  }, [load, openId]);

  // DiffLens asked to show a tool call: scroll to its card, loading older pages until it is there.
  const reveal = useRevealRequest(taskId);
  const revealedNonce = useRef(0);
  useLayoutEffect(() => {
    if (!reveal || revealedNonce.current === reveal.nonce || load !== 'ready') return;
    const row = items.find((item) => item.kind === 'tool' && item.callId === reveal.callId);
    if (row) {
      if (list.current?.revealKey(row.key)) revealedNonce.current = reveal.nonce;
    } else if (hasOlder && !loadingOlder && !olderError) {
      requestOlderPage(taskId);
    }
  }, [reveal, items, load, hasOlder, loadingOlder, olderError, taskId]);

  const renderItem = useCallback((item: ViewItem) => <TimelineRow item={item} taskId={taskId} />, [taskId]);
  const onNearTop = useCallback(() => {
    if (hasOlder && !loadingOlder && !olderError) requestOlderPage(taskId);
  }, [hasOlder, loadingOlder, olderError, taskId]);

  return (
    <div className="conversation">
      {(loadingOlder || olderError) && (
        <div className="conversation__older">
          {loadingOlder ? <p role="status">Loading earlier messages…</p> : <InlineError message={`Could not load earlier messages: ${olderError}`} />}
        </div>
      )}
      {load === 'failed' && <InlineError message={`Could not load the conversation: ${loadError}`} />}
      <VirtualList
        ref={list}
        items={items}
        itemKey={itemKey}
        estimateHeight={estimateRowHeight}
        renderItem={renderItem}
        role="log"
        ariaLabel="Conversation"
        ariaLive="off"
        ariaBusy={load === 'loading'}
        className="conversation__log"
        onNearTop={onNearTop}
        onAtBottomChange={setAtBottom}
        empty={<EmptyConversation loading={load === 'loading'} prompt={prompt} />}
      />
      {!atBottom && (
        <button type="button" className="button button--small conversation__jump" onClick={() => list.current?.scrollToBottom()}>
          Jump to latest
        </button>
      )}
      <ConversationAnnouncer taskId={taskId} />
    </div>
  );
});

function EmptyConversation({ loading, prompt }: { loading: boolean; prompt: string }) {
  if (loading) return <p className="conversation__empty muted">Loading conversation…</p>;
  return (
    <div className="conversation__empty">
      {prompt.trim() === '' ? (
        <p className="muted">No messages yet. Tell the agent what to do below.</p>
      ) : (
        <>
          <p className="section-title">Prompt</p>
          <pre className="prompt__text">{prompt}</pre>
          <p className="muted">The agent has not started. Send a message (or the prompt) below to start it.</p>
        </>
      )}
    </div>
  );
}
