import { useEffect, useRef } from 'react';
import { AnsiOutput } from '../../terminals/AnsiOutput';
import { decisionLine } from '../../permissions/permission-text';
import { DelegateCallLink } from '../../subagents/DelegateCallLink';
import type { ToolCallItem, ToolCallStatus } from '../timeline-items';
import { useIsRevealedCall, useRevealRequest } from '../timeline-store';
import { formatDuration } from '../usage-format';
import { ApprovalCard } from './ApprovalCard';
import { Disclosure } from './Disclosure';
import { FileDiffView } from './FileDiffView';
import { argsJson, argsSummary } from './tool-args';

const statusText: Record<ToolCallStatus, { icon: string; label: string }> = {
  pending: { icon: '…', label: 'pending' },
  awaiting_approval: { icon: '?', label: 'waiting for approval' },
  awaiting_input: { icon: '?', label: 'waiting for your answer' },
  running: { icon: '↻', label: 'running' },
  done: { icon: '✓', label: 'done' },
  error: { icon: '✗', label: 'failed' },
  denied: { icon: '⊘', label: 'denied' },
  cancelled: { icon: '■', label: 'cancelled' },
};

/** One tool call: what was asked, its status, its approval, the live output tail (in colour, as a terminal shows it), then the result. */
export function ToolCallCard({ item, taskId }: { item: ToolCallItem; taskId: string }) {
  const status = statusText[item.status];
  const revealed = useIsRevealedCall(taskId, item.callId);
  const request = useRevealRequest(taskId);
  const card = useRef<HTMLElement>(null);
  // Asked for from DiffLens ("by agent, step N"): take focus so the keyboard lands here too.
  useEffect(() => {
    if (revealed) card.current?.focus({ preventScroll: true });
  }, [revealed, request?.nonce]);
  // An external agent names its call for people ("Write hello.txt"); Braid's own tools show their arguments.
  const summary = item.title ?? argsSummary(item.args);
  const showOutput = item.outputTail !== '' && (item.result === null || item.status === 'running');
  return (
    <article
      ref={card}
      className={`tool-card tool-card--${item.status}${revealed ? ' tool-card--revealed' : ''}`}
      aria-label={`${item.name} call`}
      aria-current={revealed ? 'true' : undefined}
      tabIndex={revealed ? -1 : undefined}
    >
      <header className="tool-card__header">
        <span className="tool-card__status">
          <span aria-hidden="true">{status.icon}</span> {status.label}
        </span>
        <span className="tool-card__name mono">{item.name}</span>
        {summary && <span className="tool-card__summary mono">{summary}</span>}
        {/* A denied call never ran: it has no run time to show. */}
        {item.result && item.status !== 'denied' && <span className="tool-card__duration">{formatDuration(item.result.durationMs)}</span>}
      </header>
      {item.decidedBy && <p className={`tool-card__rule tool-card__rule--${item.decidedBy.decision}`}>{decisionLine(item.decidedBy.decision, item.decidedBy.rule, item.decidedBy.source)}</p>}
      {/* Asked before the call runs, so shown before what it did; its duration counts from the answer. */}
      {item.approval && <ApprovalCard item={item.approval} taskId={taskId} onToolCard />}
      {item.name === 'delegate' && <DelegateCallLink taskId={taskId} callId={item.callId} />}
      <Disclosure summary="Arguments">{() => <pre className="tool-card__pre">{argsJson(item.args)}</pre>}</Disclosure>
      {item.diffs.map((diff, index) => (
        <FileDiffView key={index} diff={diff} />
      ))}
      {showOutput && <AnsiOutput className="tool-card__output" text={item.outputTail} clipped={item.outputClipped} label={`Output of ${item.name}`} />}
      {item.result && (
        <Disclosure summary={item.result.isError ? `Error: ${firstLine(item.result.text)}` : 'Result'} className={item.result.isError ? 'disclosure--error' : undefined}>
          {() => <pre className="tool-card__pre">{item.result?.text || '(empty)'}</pre>}
        </Disclosure>
      )}
    </article>
  );
}

function firstLine(text: string): string {
  const line = text.trimStart().split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
