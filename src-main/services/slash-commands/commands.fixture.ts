import { join } from 'node:path';
import { createRepo, writeFiles } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';

/**
 * A project with command files of every kind, and a home with the user's own:
 * - `.claude/commands/review-file.md` (a byte-order mark, CRLF line ends, frontmatter with a
 *   description, `argument-hint`, `allowed-tools` and an invalid rule; `$1`, `$2`, `$ARGUMENTS`
 *   and an `@path` include);
 * - `.claude/commands/frontend/component.md` (a namespace: `/frontend:component`);
 * - `.claude/commands/status.md` (`allowed-tools: Bash(git status *)`), `fast.md` (`model:`),
 *   `status-on-claude.md` (both, on a provider the test world has no key for);
 * - `.claude/commands/help.md` (hidden by the built-in), `greet.md` (also in the home: the project's wins);
 * - `.braid/commands/ship.md` (no frontmatter: described by its first line);
 * - `.claude/skills/deploy/SKILL.md` (a skill);
 * - `.claude/agents/reviewer.md` (a subagent, for `/agents`);
 * - `~/.claude/commands/greet.md` and `~/.claude/commands/mine.md`.
 */
export function commandsFixture(): { repo: string; home: string } {
  const base = tempFolder('braid-commands-');
  const repo = createRepo({
    path: join(base, 'app'),
    files: {
      'README.md': '# app\n',
      'src/notes.txt': 'NOTES-CONTENT: the cache is per user.\n',
      '.claude/commands/review-file.md':
        '\uFEFF---\r\ndescription: Review one file\r\nargument-hint: <file> [focus]\r\nallowed-tools: Read, Bash(*, Nope(\r\n---\r\nReview $1 with a focus on $2.\r\nEverything typed: $ARGUMENTS\r\nContext: @src/notes.txt\r\n',
      '.claude/commands/frontend/component.md': '---\ndescription: Create a React component\nargument-hint: <Name>\n---\nCreate the component $ARGUMENTS in src/ui.\n',
      '.claude/commands/status.md': '---\ndescription: Check the status\nallowed-tools: Bash(git status *)\n---\nRun git status and report.\n',
      '.claude/commands/status-on-claude.md': '---\ndescription: Check the status on Claude\nallowed-tools: Bash(git status *)\nmodel: sonnet\n---\nRun git status.\n',
      '.claude/commands/fast.md': '---\ndescription: Answer on a faster model\nmodel: openai:gpt-4o\n---\nAnswer briefly: $ARGUMENTS\n',
      '.claude/commands/show.md': '---\ndescription: Show a file\n---\nShow me $ARGUMENTS\n',
      '.claude/commands/help.md': 'PROJECT-HELP\n',
      '.claude/commands/greet.md': '---\ndescription: Project greeting\n---\nPROJECT-GREETING $ARGUMENTS\n',
      '.braid/commands/ship.md': '# Ship the release\nSHIP-IT with $ARGUMENTS\n',
      '.claude/skills/deploy/SKILL.md': '---\nname: deploy\ndescription: Deploy to staging\n---\nDEPLOY-SKILL steps.\n',
      '.claude/agents/reviewer.md': '---\nname: reviewer\ndescription: Reviews diffs\ntools: Read, Grep\n---\nYou review.\n',
    },
  });
  const home = join(base, 'home');
  writeFiles(home, {
    '.claude/commands/greet.md': '---\ndescription: My greeting\n---\nUSER-GREETING\n',
    '.claude/commands/mine.md': '---\ndescription: My own command\n---\nUSER-MINE $ARGUMENTS\n',
  });
  return { repo: repo.path, home };
}
