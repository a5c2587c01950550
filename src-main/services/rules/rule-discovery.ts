import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleScope } from '../../../src-shared/contract';
import { booleanValue, listValue, parseFrontmatter, textValue } from '../markdown/frontmatter';
import { listFilesBelow, readConfinedText } from '../markdown/confined-text';
import type { RuleDocument, RulePlaces } from './rule-document';

export interface RuleDiscovery {
  /** In the order they are given: personal, the user's, the project's, the local file. */
  documents: RuleDocument[];
  problems: string[];
}

/** Folders of rules files are read this deep and this many files at most. */
const maxFolderDepth = 5;
const maxFolderFiles = 200;

/**
 * Every rules file a task's run starts with or may be given later, except nested `AGENTS.md` /
 * `CLAUDE.md` files (those are looked up when the agent touches a path: `nested-rules.ts`):
 * 1. personal rules (Settings → Rules);
 * 2. the user's `~/.claude/CLAUDE.md` and `~/.claude/rules/**\/*.md`;
 * 3. the project's `AGENTS.md`, `CLAUDE.md`, `.claude/CLAUDE.md`, `.claude/rules/**\/*.md`
 *    (with `paths:` a path rule), `.cursor/rules/**\/*.mdc` (`alwaysApply`, `globs`,
 *    `description`), `.cursorrules`;
 * 4. `CLAUDE.local.md` (the worktree's, else the user's checkout's: it is not committed).
 * Never throws: a file that cannot be read is a problem naming it.
 */
export async function discoverRules(places: RulePlaces): Promise<RuleDiscovery> {
  const documents: RuleDocument[] = [];
  const problems: string[] = [];
  if (places.personal.trim() !== '') {
    documents.push({ file: 'Personal rules', scope: 'personal', activation: 'always', globs: [], description: null, body: places.personal, root: null, realPath: null, importedBy: null });
  }

  const claudeHome = join(places.home, '.claude');
  if (existsSync(claudeHome)) {
    await addPlain(documents, problems, claudeHome, 'CLAUDE.md', '~/.claude/', 'user');
    await addFolder(documents, problems, claudeHome, 'rules', '~/.claude/', 'user', '.md', claudeRule);
  }

  const worktree = places.worktree;
  for (const name of ['AGENTS.md', 'CLAUDE.md', '.claude/CLAUDE.md']) await addPlain(documents, problems, worktree, name, '', 'project');
  await addFolder(documents, problems, worktree, '.claude/rules', '', 'project', '.md', claudeRule);
  await addFolder(documents, problems, worktree, '.cursor/rules', '', 'project', '.mdc', cursorRule);
  await addPlain(documents, problems, worktree, '.cursorrules', '', 'project');

  const local = await addPlain(documents, problems, worktree, 'CLAUDE.local.md', '', 'local');
  if (!local && existsSync(places.projectRoot)) await addPlain(documents, problems, places.projectRoot, 'CLAUDE.local.md', '', 'local');
  return { documents, problems };
}

/** A file given as it is (no frontmatter meaning); says whether it exists. */
async function addPlain(documents: RuleDocument[], problems: string[], root: string, name: string, prefix: string, scope: RuleScope): Promise<boolean> {
  const shown = `${prefix}${name}`;
  const read = await readConfinedText(root, name, shown);
  if (!read.ok) {
    if (!read.missing) problems.push(read.problem);
    return false;
  }
  if (read.cut) problems.push(`${shown} is larger than Braid reads; only its start was read`);
  documents.push({ file: shown, scope, activation: 'always', globs: [], description: null, body: read.text, root, realPath: read.realPath, importedBy: null });
  return true;
}

type RuleShape = Pick<RuleDocument, 'activation' | 'globs' | 'description' | 'body'>;

/** `.claude/rules/*.md`: `paths:` (a list or comma-separated) makes it a path rule; without, it always applies. */
function claudeRule(text: string, shown: string, problems: string[]): RuleShape {
  const { data, body, problems: found } = parseFrontmatter(text);
  problems.push(...found.map((problem) => `${shown}: ${problem}`));
  const globs = listValue(data.paths);
  return { activation: globs.length > 0 ? 'path' : 'always', globs, description: textValue(data.description), body };
}

/** Cursor's four kinds: always (`alwaysApply: true`), auto attached (`globs`), agent requested (`description` only), manual. */
function cursorRule(text: string, shown: string, problems: string[]): RuleShape {
  const { data, body, problems: found } = parseFrontmatter(text);
  problems.push(...found.map((problem) => `${shown}: ${problem}`));
  const globs = listValue(data.globs);
  const description = textValue(data.description);
  const activation = booleanValue(data.alwaysApply) === true ? 'always' : globs.length > 0 ? 'path' : description ? 'requested' : 'manual';
  return { activation, globs, description, body };
}

async function addFolder(
  documents: RuleDocument[],
  problems: string[],
  root: string,
  folder: string,
  prefix: string,
  scope: RuleScope,
  extension: string,
  shape: (text: string, shown: string, problems: string[]) => RuleShape,
): Promise<void> {
  const { names, truncated } = await listFilesBelow(join(root, folder), extension, { maxDepth: maxFolderDepth, maxFiles: maxFolderFiles });
  if (truncated) problems.push(`${prefix}${folder} holds more than ${maxFolderFiles} rules files; the first ${maxFolderFiles} were read`);
  for (const name of names) {
    const relativeName = `${folder}/${name}`;
    const shown = `${prefix}${relativeName}`;
    const read = await readConfinedText(root, relativeName, shown);
    if (!read.ok) {
      if (!read.missing) problems.push(read.problem);
      continue;
    }
    documents.push({ file: shown, scope, root, realPath: read.realPath, importedBy: null, ...shape(read.text, shown, problems) });
  }
}
