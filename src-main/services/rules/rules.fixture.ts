import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepo, writeFiles } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';

/** A rules file larger than one file's budget (20,000 characters). */
export const hugeRuleChars = 25_000;

/**
 * The one repository holding every rules format Braid reads, each with a marker the tests look
 * for in what the model is given:
 * - `AGENTS.md` importing `docs/style.md`, which starts a chain of
 *   imports (`AGENTS.md` → style → one → two → three → four: the fifth level is refused) and tries to leave the worktree (`@../../outside.md`, refused);
 * - `CLAUDE.md` importing `docs/cycle-a.md`, which imports `cycle-b.md`, which imports `cycle-a.md` (refused);
 * - `.claude/CLAUDE.md`; `.claude/rules/general.md` (always), `testing.md` (`paths:` a list),
 *   `huge.md` (cut to the budget), `escape.md` (a symbolic link out of the repository: refused);
 * - `.cursor/rules/`: `always.mdc` (`alwaysApply`, behind a byte-order mark and CRLF), `react.mdc` (`globs: *.tsx,src/ui/**`),
 *   `db.mdc` (description only: requested), `manual.mdc` (neither: manual);
 * - `.cursorrules`; nested `packages/AGENTS.md` and `packages/api/AGENTS.md`;
 * - `CLAUDE.local.md` only in the checkout (ignored, so never in a worktree);
 * and a home folder with `~/.claude/CLAUDE.md` and `~/.claude/rules/mine.md`.
 */
export function rulesFixture(): { repo: string; home: string; outside: string } {
  const base = tempFolder('braid-rules-');
  const outside = join(base, 'outside.md');
  writeFileSync(outside, 'OUTSIDE-SECRET\n');
  const repo = createRepo({
    path: join(base, 'work', 'app'),
    files: {
      '.gitignore': 'CLAUDE.local.md\n',
      'AGENTS.md': '# Agents\nROOT-AGENTS: run the tests before you finish.\nStyle lives in @docs/style.md.\nNot this: @../../outside.md\n',
      'docs/style.md': 'IMPORTED-STYLE: two spaces.\nMore: @deep/one.md\n`@docs/not-an-import.md` is code.\n',
      'docs/deep/one.md': 'DEPTH-ONE\n@two.md\n',
      'docs/deep/two.md': 'DEPTH-TWO\n@three.md\n',
      'docs/deep/three.md': 'DEPTH-THREE\n@four.md\n',
      'docs/deep/four.md': 'DEPTH-FOUR\n',
      'CLAUDE.md': 'CLAUDE-ROOT: prefer small functions.\nSee @docs/cycle-a.md\n',
      'docs/cycle-a.md': 'CYCLE-A\n@cycle-b.md\n',
      'docs/cycle-b.md': 'CYCLE-B\n@cycle-a.md\n',
      '.claude/CLAUDE.md': 'DOT-CLAUDE: no default exports.\n',
      '.claude/rules/general.md': 'GENERAL-RULE: write commit messages in English.\n',
      '.claude/rules/testing.md': '---\npaths:\n  - "src/**/*.test.ts"\n---\nTESTING-RULE: use vitest.\n',
      '.claude/rules/huge.md': `HUGE-RULE-START ${'x'.repeat(hugeRuleChars)} HUGE-RULE-END\n`,
      '.cursor/rules/always.mdc': '\uFEFF---\r\ndescription: Always on\nglobs:\nalwaysApply: true\n---\nCURSOR-ALWAYS\n',
      '.cursor/rules/react.mdc': '---\ndescription: React components\nglobs: *.tsx,src/ui/**\nalwaysApply: false\n---\nCURSOR-REACT\n',
      '.cursor/rules/db.mdc': '---\ndescription: How to write database migrations\nalwaysApply: false\n---\nCURSOR-REQUESTED\n',
      '.cursor/rules/manual.mdc': '---\nalwaysApply: false\n---\nCURSOR-MANUAL\n',
      '.cursorrules': 'LEGACY-CURSORRULES\n',
      'packages/AGENTS.md': 'NESTED-PACKAGES\n',
      'packages/web/index.ts': 'export const web = 1;\n',
      'packages/api/AGENTS.md': 'NESTED-API: handlers return Result values.\n',
      'packages/api/src/server.ts': 'export const server = 1;\n',
      'packages/api/src/routes.ts': 'export const routes = 1;\n',
      'src/app.test.ts': 'export {};\n',
      'src/ui/Button.tsx': 'export const Button = 1;\n',
    },
  });
  // A rules file that is a link out of the repository, committed as git stores links.
  symlinkSync(outside, join(repo.path, '.claude', 'rules', 'escape.md'));
  repo.commit({}, 'escape link');
  writeFiles(repo.path, { 'CLAUDE.local.md': 'LOCAL-RULE: my own preferences.\n' });

  const home = join(base, 'home');
  mkdirSync(join(home, '.claude', 'rules'), { recursive: true });
  writeFiles(home, { '.claude/CLAUDE.md': 'USER-HOME-RULE\n', '.claude/rules/mine.md': 'USER-RULES-FOLDER\n' });
  return { repo: repo.path, home, outside };
}
