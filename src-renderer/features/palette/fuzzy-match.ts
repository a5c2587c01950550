/** Where a query matched in a text (character indexes), and how well: higher is better. */
export interface FuzzyMatch {
  score: number;
  positions: number[];
}

const wordBreak = /[\s\-_:/.()]/;

/**
 * A palette-style fuzzy match: every character of the query (spaces ignored, any case) in
 * order in the text. Matches at the start of a word and runs of adjacent characters score
 * higher, gaps cost a little, so "nt" ranks "New task" above "Open terminal". For each query
 * character the earliest word start still leaving room for the rest is preferred, otherwise
 * the earliest occurrence. Null when the query is not a subsequence.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const needle = query.replace(/\s+/g, '').toLowerCase();
  if (!needle) return { score: 0, positions: [] };
  const haystack = text.toLowerCase();
  const positions: number[] = [];
  let from = 0;
  let score = 0;
  for (let q = 0; q < needle.length; q++) {
    const char = needle[q]!;
    const remaining = needle.length - q - 1;
    let at = -1;
    // A word start within reach beats an earlier mid-word hit, unless the hit continues a run.
    const previous = positions.at(-1);
    if (previous !== undefined && haystack[previous + 1] === char) at = previous + 1;
    else {
      for (let i = from; i < haystack.length - remaining; i++) {
        if (haystack[i] !== char) continue;
        if (isWordStart(text, i)) {
          at = i;
          break;
        }
        if (at === -1) at = i;
      }
    }
    if (at === -1) return null;
    if (isWordStart(text, at)) score += 8;
    if (previous !== undefined && at === previous + 1) score += 5;
    score += 1 - Math.min(at - from, 20) * 0.1;
    positions.push(at);
    from = at + 1;
  }
  // Shorter texts win a tie: "Review" over "Review changes in every project".
  return { score: score - text.length * 0.01, positions };
}

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1]!;
  const here = text[index]!;
  return wordBreak.test(before) || (before === before.toLowerCase() && here !== here.toLowerCase());
}

/** The items that match, best first (stable for equal scores), each with where it matched. */
export function rankByFuzzy<T>(query: string, items: readonly T[], textOf: (item: T) => string): { item: T; match: FuzzyMatch }[] {
  const ranked: { item: T; match: FuzzyMatch; index: number }[] = [];
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, textOf(item));
    if (match) ranked.push({ item, match, index });
  });
  if (query.trim()) ranked.sort((a, b) => b.match.score - a.match.score || a.index - b.index);
  return ranked.map(({ item, match }) => ({ item, match }));
}
