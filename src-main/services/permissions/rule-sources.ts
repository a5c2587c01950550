import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ruleKinds, type PermissionMode, type RuleKind, type RuleLists, type RuleSourceId, type RuleSourceView } from '../../../src-shared/contract';
import type { RuleEntry } from './evaluate';
import { parseRule } from './rule-grammar';

/** The settings files Braid reads rules and modes from, besides its own settings. */
export const ruleFiles: readonly { id: RuleSourceId; label: string; where: 'project' | 'home'; file: string; needsTrust: boolean }[] = [
  { id: 'repo-braid', label: 'Repository .braid/settings.json', where: 'project', file: '.braid/settings.json', needsTrust: true },
  { id: 'repo-claude-local', label: 'Repository .claude/settings.local.json', where: 'project', file: '.claude/settings.local.json', needsTrust: true },
  { id: 'repo-claude', label: 'Repository .claude/settings.json', where: 'project', file: '.claude/settings.json', needsTrust: true },
  { id: 'user-claude', label: 'Your ~/.claude/settings.json', where: 'home', file: '.claude/settings.json', needsTrust: false },
];

export const sourceLabels: Record<RuleSourceId, string> = {
  'built-in': 'Braid (built in)',
  app: 'Braid settings (every project)',
  project: 'Braid settings (this project)',
  'repo-braid': 'Repository .braid/settings.json',
  'repo-claude-local': 'Repository .claude/settings.local.json',
  'repo-claude': 'Repository .claude/settings.json',
  'user-claude': 'Your ~/.claude/settings.json',
  turn: 'This turn (a command’s allowed-tools)',
};

export interface SourceInputs {
  /** The project's checkout (never a task's worktree: an agent could edit that one). Null without a project. */
  projectRoot: string | null;
  home: string;
  app: RuleLists;
  project: RuleLists | null;
  /** Content hashes the user trusted, by source id. */
  trusted: Partial<Record<RuleSourceId, string>>;
  /** Allow rules for one turn (a slash command's `allowed-tools`). */
  turn?: readonly string[];
}

export interface LoadedSources {
  views: RuleSourceView[];
  /** Every rule in force, in source order. */
  entries: RuleEntry[];
  /** The first trusted file's `defaultMode`. */
  fileMode: { mode: PermissionMode; from: string } | null;
}

/**
 * Reads every source in order: Braid's settings (every project, then this project), the
 * repository's `.braid/settings.json`, `.claude/settings.local.json` and `.claude/settings.json`,
 * then the user's `~/.claude/settings.json`. A repository's file adds its ask and deny rules at
 * once; its allow rules and `defaultMode` count only while its content hash is the one the user
 * trusted. Full auto is never taken from a file. Never throws: problems name file and entry.
 */
export async function loadRuleSources(inputs: SourceInputs): Promise<LoadedSources> {
  const views: RuleSourceView[] = [];
  const entries: RuleEntry[] = [];
  let fileMode: LoadedSources['fileMode'] = null;
  const addLists = (id: RuleSourceId, lists: RuleLists, allowCounts: boolean, problems: string[], label: string) => {
    for (const kind of ruleKinds) {
      for (const text of lists[kind]) {
        const parsed = parseRule(text, kind);
        if (!parsed.ok) problems.push(`${label}: permissions.${kind}: ${parsed.problem}`);
        else if (kind !== 'allow' || allowCounts) entries.push({ kind, rule: parsed.rule, source: id });
      }
    }
  };
  const braidSource = (id: 'app' | 'project', lists: RuleLists) => {
    const problems: string[] = [];
    addLists(id, lists, true, problems, sourceLabels[id]);
    views.push({ id, label: sourceLabels[id], path: null, exists: true, needsTrust: false, trusted: true, contentHash: null, rules: lists, defaultMode: null, problems });
  };
  braidSource('app', inputs.app);
  if (inputs.project) braidSource('project', inputs.project);

  for (const file of ruleFiles) {
    if (file.where === 'project' && inputs.projectRoot === null) continue;
    const path = join(file.where === 'project' ? inputs.projectRoot! : inputs.home, file.file);
    const read = await readSettingsFile(path, file.file);
    const trusted = !file.needsTrust || (read.hash !== null && inputs.trusted[file.id] === read.hash);
    const problems = [...read.problems];
    addLists(file.id, read.lists, trusted, problems, file.file);
    let defaultMode: PermissionMode | null = null;
    if (read.mode !== null) {
      const mode = modeFromFile(read.mode);
      if (typeof mode !== 'string' || !['ask', 'acceptEdits', 'plan'].includes(mode)) problems.push(`${file.file}: permissions.defaultMode "${read.mode}": ${typeof mode === 'object' ? mode.problem : 'full auto is never taken from a settings file; choose it in Braid'}`);
      else {
        defaultMode = mode as PermissionMode;
        if (trusted && fileMode === null) fileMode = { mode: defaultMode, from: file.label };
      }
    }
    views.push({ id: file.id, label: file.label, path, exists: read.exists, needsTrust: file.needsTrust && read.exists, trusted: read.exists && trusted, contentHash: read.hash, rules: read.lists, defaultMode, problems });
  }
  if (inputs.turn && inputs.turn.length > 0) {
    const lists = { allow: [...inputs.turn], ask: [], deny: [] };
    const problems: string[] = [];
    addLists('turn', lists, true, problems, sourceLabels.turn);
    views.push({ id: 'turn', label: sourceLabels.turn, path: null, exists: true, needsTrust: false, trusted: true, contentHash: null, rules: lists, defaultMode: null, problems });
  }
  return { views, entries, fileMode };
}

/** Claude Code's `defaultMode` values in Braid's terms. */
function modeFromFile(value: string): PermissionMode | { problem: string } {
  switch (value) {
    case 'default':
    case 'manual':
      return 'ask';
    case 'acceptEdits':
      return 'acceptEdits';
    case 'plan':
      return 'plan';
    case 'auto':
    case 'bypassPermissions':
      return 'fullAuto';
    case 'dontAsk':
      return { problem: 'dontAsk is not one of Braid’s modes; ask is used' };
    default:
      return { problem: 'not a mode (default, acceptEdits, plan)' };
  }
}

interface SettingsFileRead {
  exists: boolean;
  hash: string | null;
  lists: RuleLists;
  mode: string | null;
  problems: string[];
}

async function readSettingsFile(path: string, shown: string): Promise<SettingsFileRead> {
  const empty: RuleLists = { allow: [], ask: [], deny: [] };
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { exists: false, hash: null, lists: empty, mode: null, problems: [] };
    return { exists: true, hash: null, lists: empty, mode: null, problems: [`${shown}: cannot be read (${code ?? String(error)})`] };
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  let root: unknown;
  try {
    root = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return { exists: true, hash, lists: empty, mode: null, problems: [`${shown}: is not valid JSON (${(error as Error).message})`] };
  }
  const permissions = root && typeof root === 'object' ? (root as Record<string, unknown>).permissions : undefined;
  if (permissions === undefined) return { exists: true, hash, lists: empty, mode: null, problems: [] };
  if (!permissions || typeof permissions !== 'object' || Array.isArray(permissions)) {
    return { exists: true, hash, lists: empty, mode: null, problems: [`${shown}: permissions must be an object`] };
  }
  const problems: string[] = [];
  const section = permissions as Record<string, unknown>;
  const list = (kind: RuleKind): string[] => {
    const value = section[kind];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(`${shown}: permissions.${kind} must be a list of rules`);
      return [];
    }
    return value.flatMap((entry, index) => {
      if (typeof entry === 'string') return [entry];
      problems.push(`${shown}: permissions.${kind}[${index}] is not a string`);
      return [];
    });
  };
  const mode = section.defaultMode;
  if (mode !== undefined && typeof mode !== 'string') problems.push(`${shown}: permissions.defaultMode must be a string`);
  return { exists: true, hash, lists: { allow: list('allow'), ask: list('ask'), deny: list('deny') }, mode: typeof mode === 'string' ? mode : null, problems };
}
