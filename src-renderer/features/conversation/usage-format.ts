/** Token counts the way people read them: 950, 1.2k, 34k, 1.5M. */
export function formatTokens(count: number): string {
  if (count < 1_000) return String(Math.round(count));
  if (count < 10_000) return `${trimZero((count / 1_000).toFixed(1))}k`;
  if (count < 1_000_000) return `${Math.round(count / 1_000)}k`;
  return `${trimZero((count / 1_000_000).toFixed(1))}M`;
}

/** Dollars with enough digits to tell small steps apart; "—" when the price is unknown. */
export function formatCost(usd: number | null): string {
  if (usd === null) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.001) return '<$0.001';
  if (usd < 1) return `$${usd.toFixed(3)}`;
  return `$${usd.toFixed(2)}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimZero((ms / 1_000).toFixed(1))} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

/** "1.2k in · 300 out · 800 cached · $0.004" (cached only when there is some). */
export function formatUsage(usage: { inputTokens: number; outputTokens: number; cachedTokens: number; costUsd: number | null }): string {
  const parts = [`${formatTokens(usage.inputTokens)} in`, `${formatTokens(usage.outputTokens)} out`];
  if (usage.cachedTokens > 0) parts.push(`${formatTokens(usage.cachedTokens)} cached`);
  parts.push(formatCost(usage.costUsd));
  return parts.join(' · ');
}

function trimZero(fixed: string): string {
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}
