import type { AgentState } from '../../../src-shared/contract';
import { agentStatusLabels } from '../tasks/task-badge';
import { formatCost, formatTokens, formatUsage } from './usage-format';
import './agent-bar.css';

/** The agent at a glance: status (and why), how full its context is, what it has cost (its subagents' use included, and said apart). */
export function AgentStatusBar({ agent }: { agent: AgentState }) {
  const { usage } = agent;
  return (
    <section className="agent-bar" aria-label="Agent">
      <span className={`badge badge--${agent.status}`}>{agentStatusLabels[agent.status]}</span>
      {agent.statusReason && <span className="agent-bar__reason">{agent.statusReason}</span>}
      {agent.queuedMessages > 0 && <span className="badge badge--queued">{agent.queuedMessages} queued</span>}
      <span className="agent-bar__spacer" />
      <ContextGauge tokens={agent.contextTokens} window={agent.contextWindow} />
      <span className="agent-bar__usage">
        <span className="visually-hidden">Usage: </span>
        {formatTokens(usage.inputTokens)} in · {formatTokens(usage.outputTokens)} out · {formatTokens(usage.cachedTokens)} cached ·{' '}
        {formatCost(usage.costUsd)}
        {agent.subagentUsage && <span className="agent-bar__subagents"> (subagents: {formatUsage(agent.subagentUsage)})</span>}
      </span>
    </section>
  );
}

/** How much of the model's window the last request used; compaction kicks in near the top. */
function ContextGauge({ tokens, window }: { tokens: number; window: number }) {
  const known = window > 0;
  const percent = known ? Math.min(100, Math.round((tokens / window) * 100)) : 0;
  const text = known ? `${percent}% (${formatTokens(tokens)} of ${formatTokens(window)} tokens)` : 'unknown until the first step';
  return (
    <span className="gauge" title={`Context window: ${text}`}>
      <span
        role="meter"
        aria-label="Context window"
        aria-valuemin={0}
        aria-valuemax={known ? window : 1}
        aria-valuenow={known ? Math.min(tokens, window) : 0}
        aria-valuetext={text}
        className={`gauge__track${percent >= 85 ? ' gauge__track--high' : ''}`}
      >
        <span className="gauge__fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="gauge__text">{known ? `${percent}%` : '—'}</span>
    </span>
  );
}
