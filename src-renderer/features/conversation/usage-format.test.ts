import { describe, expect, it } from 'vitest';
import { formatCost, formatDuration, formatTokens, formatUsage } from './usage-format';

describe('usage formatting', () => {
  it('shortens token counts', () => {
    expect([0, 950, 1_000, 1_234, 12_345, 999_499, 1_500_000].map(formatTokens)).toEqual(['0', '950', '1k', '1.2k', '12k', '999k', '1.5M']);
  });

  it('shows costs with enough digits, and a dash when the price is unknown', () => {
    expect([null, 0, 0.0004, 0.004, 0.1234, 12.345].map(formatCost)).toEqual(['—', '$0', '<$0.001', '$0.004', '$0.123', '$12.35']);
  });

  it('writes a step’s usage on one line', () => {
    expect(formatUsage({ inputTokens: 1_200, outputTokens: 300, cachedTokens: 0, costUsd: 0.004 })).toBe('1.2k in · 300 out · $0.004');
    expect(formatUsage({ inputTokens: 5_000, outputTokens: 20, cachedTokens: 4_000, costUsd: null })).toBe('5k in · 20 out · 4k cached · —');
  });

  it('writes durations', () => {
    expect([420, 3_250, 125_000].map(formatDuration)).toEqual(['420 ms', '3.3 s', '2 min 5 s']);
  });
});
