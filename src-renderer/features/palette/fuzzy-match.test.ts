import { describe, expect, it } from 'vitest';
import { fuzzyMatch, rankByFuzzy } from './fuzzy-match';

describe('fuzzy matching for the palette', () => {
  it('matches a subsequence in any case and says where', () => {
    expect(fuzzyMatch('NT', 'New task')?.positions).toEqual([0, 4]);
    expect(fuzzyMatch('xyz', 'New task')).toBeNull();
    expect(fuzzyMatch('ksat', 'New task')).toBeNull();
  });

  it('prefers word starts over an earlier hit inside a word', () => {
    // "o" of "Go" is earlier, but "Open" starts a word.
    expect(fuzzyMatch('op', 'Go: Open terminal')?.positions).toEqual([4, 5]);
  });

  it('ranks word-start and adjacent matches first, and keeps the given order for ties', () => {
    const titles = ['Open terminal', 'New task', 'Settings: permissions', 'Go to task: Fix login'];
    expect(rankByFuzzy('nt', titles, (t) => t).map((r) => r.item)[0]).toBe('New task');
    expect(rankByFuzzy('fix', titles, (t) => t).map((r) => r.item)).toEqual(['Go to task: Fix login']);
    expect(rankByFuzzy('', titles, (t) => t).map((r) => r.item)).toEqual(titles);
  });

  it('ignores spaces in the query, so words can be typed as they read', () => {
    expect(fuzzyMatch('go fix', 'Go to task: Fix login')).not.toBeNull();
    expect(rankByFuzzy('task fix', ['Fix task list', 'Go to task: Fix login'], (t) => t)[0]?.item).toBe('Go to task: Fix login');
  });
});
