import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SlashCommandProblem } from '../../../src-shared/contract';
import { listFilesBelow, readConfinedText } from '../markdown/confined-text';
import { listValue, parseFrontmatter, textValue } from '../markdown/frontmatter';
import { parseRule } from '../permissions/rule-grammar';
import { commandModel } from './command-model';
import { commandNamePattern } from './invocation';

/** A command or skill file, read and checked. */
export interface CommandFile {
  name: string;
  description: string;
  argumentHint: string | null;
  /** Rules that parse as allow rules; the rest are problems. */
  allowedTools: string[];
  model: string | null;
  body: string;
  source: 'project' | 'user';
  /** As shown: `.claude/commands/frontend/component.md`, `~/.claude/skills/review/SKILL.md`. */
  origin: string;
}

export interface CommandFileDiscovery {
  commands: CommandFile[];
  problems: SlashCommandProblem[];
}

const limits = { maxDepth: 6, maxFiles: 500 };

interface CommandFolder {
  source: 'project' | 'user';
  root: string;
  folder: string;
  prefix: string;
  kind: 'commands' | 'skills';
}

/**
 * The user's command files, by precedence: the project's `.braid/commands/`, `.claude/commands/`
 * and `.claude/skills/`, then the home's `~/.claude/commands/` and `~/.claude/skills/`. A name
 * defined twice is the first one's (the project wins over the user); the other is a problem
 * saying which hides it. A sub-folder is a namespace: `frontend/component.md` is
 * `/frontend:component`. The project's files are read from the user's checkout, never a task's
 * worktree: an agent could edit those, and `allowed-tools` pre-approves what the command does.
 */
export async function discoverCommandFiles(places: { projectRoot: string | null; home: string }): Promise<CommandFileDiscovery> {
  const folders: CommandFolder[] = [];
  if (places.projectRoot !== null && existsSync(places.projectRoot)) {
    folders.push(
      { source: 'project', root: places.projectRoot, folder: '.braid/commands', prefix: '', kind: 'commands' },
      { source: 'project', root: places.projectRoot, folder: '.claude/commands', prefix: '', kind: 'commands' },
      { source: 'project', root: places.projectRoot, folder: '.claude/skills', prefix: '', kind: 'skills' },
    );
  }
  const claudeHome = join(places.home, '.claude');
  if (existsSync(claudeHome)) {
    folders.push(
      { source: 'user', root: claudeHome, folder: 'commands', prefix: '~/.claude/', kind: 'commands' },
      { source: 'user', root: claudeHome, folder: 'skills', prefix: '~/.claude/', kind: 'skills' },
    );
  }
  const byName = new Map<string, CommandFile>();
  const problems: SlashCommandProblem[] = [];
  for (const folder of folders) {
    for (const read of await readFolder(folder, problems)) {
      const earlier = byName.get(read.name);
      if (earlier) problems.push({ file: read.origin, message: `/${read.name} is also defined by ${earlier.origin}, which wins` });
      else byName.set(read.name, read);
    }
  }
  return { commands: [...byName.values()], problems };
}

async function readFolder(folder: CommandFolder, problems: SlashCommandProblem[]): Promise<CommandFile[]> {
  const listing = await listFilesBelow(join(folder.root, folder.folder), '.md', folder.kind === 'skills' ? { maxDepth: 2, maxFiles: limits.maxFiles } : limits);
  if (listing.truncated) problems.push({ file: `${folder.prefix}${folder.folder}`, message: `more than ${limits.maxFiles} files; the first ${limits.maxFiles} were read` });
  const files: CommandFile[] = [];
  for (const name of listing.names) {
    const origin = `${folder.prefix}${folder.folder}/${name}`;
    if (folder.kind === 'skills' && !/^[^/]+\/SKILL\.md$/.test(name)) continue;
    const read = await readConfinedText(folder.root, `${folder.folder}/${name}`, origin);
    if (!read.ok) {
      if (!read.missing) problems.push({ file: origin, message: read.problem });
      continue;
    }
    const parsed = commandFile(read.text, name, folder, origin, problems);
    if (parsed) files.push(parsed);
  }
  return files;
}

function commandFile(text: string, name: string, folder: CommandFolder, origin: string, problems: SlashCommandProblem[]): CommandFile | null {
  const { data, raw, body, problems: found } = parseFrontmatter(text);
  for (const message of found) problems.push({ file: origin, message });
  // A skill is named by its folder (or its `name:`); a command by its path, sub-folders as namespaces.
  const fromPath = folder.kind === 'skills' ? name.split('/')[0]! : name.replace(/\.md$/, '').split('/').join(':');
  const declared = folder.kind === 'skills' ? textValue(data.name) : null;
  const commandName = declared && commandNamePattern.test(declared) ? declared : fromPath;
  if (!commandNamePattern.test(commandName) || commandName.includes('::')) {
    problems.push({ file: origin, message: `"${commandName}" cannot be typed as a command name (letters, digits, "_", "-", "." and ":" for a sub-folder)` });
    return null;
  }
  const allowedTools: string[] = [];
  for (const rule of listValue(data['allowed-tools'])) {
    const parsed = parseRule(rule, 'allow');
    if (parsed.ok) allowedTools.push(rule);
    else problems.push({ file: origin, message: `allowed-tools: ${parsed.problem}` });
  }
  const model = commandModel(textValue(data.model));
  if (model.problem) problems.push({ file: origin, message: model.problem });
  return {
    name: commandName,
    description: textValue(data.description) ?? firstLine(body) ?? `${folder.kind === 'skills' ? 'Skill' : 'Command'} from ${origin}`,
    argumentHint: raw['argument-hint']?.trim() || null,
    allowedTools,
    model: model.ref,
    body,
    source: folder.source,
    origin,
  };
}

/** The body's first line of text (a heading's words), as Claude Code describes a command without `description`. */
function firstLine(body: string): string | null {
  const line = body
    .split('\n')
    .map((candidate) => candidate.replace(/^#+\s*/, '').trim())
    .find((candidate) => candidate !== '');
  return line ? (line.length > 100 ? `${line.slice(0, 99)}…` : line) : null;
}
