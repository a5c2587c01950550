import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The renderer's stylesheets (this check reads files, which the renderer's own code may not). */
const root = join(import.meta.dirname, '..', 'src-renderer');

function stylesheets(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return stylesheets(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** Where a block opened and was never closed, as "line N", or null when every block closes. */
function unclosedBlock(css: string): string | null {
  const open: number[] = [];
  let line = 1;
  for (let i = 0; i < css.length; i++) {
    const char = css[i];
    if (char === '\n') line++;
    else if (char === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const skipped = css.slice(i, end === -1 ? css.length : end + 2);
      line += skipped.split('\n').length - 1;
      i += skipped.length - 1;
    } else if (char === '"' || char === "'") {
      const end = css.indexOf(char, i + 1);
      i = end === -1 ? css.length : end;
    } else if (char === '{') open.push(line);
    else if (char === '}' && open.pop() === undefined) return `a stray } at line ${line}`;
  }
  return open.length > 0 ? `a block opened at line ${open.at(-1)} is never closed` : null;
}

describe('the renderer’s stylesheets', () => {
  // One unclosed rule nests every later rule of the bundle under it (CSS nesting), so whole
  // features silently lose their styles (the task tabs did once).
  it('close every block they open', () => {
    const problems = stylesheets(root).flatMap((file) => {
      const problem = unclosedBlock(readFileSync(file, 'utf8'));
      return problem ? [`${relative(root, file)}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
