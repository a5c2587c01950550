import type { AgentDefinitionDraft } from '../../../src-shared/contract';

/** Keys the Settings form writes; every other key of an edited file is kept as it was written. */
const formKeys = new Set(['name', 'description', 'tools', 'disallowedTools', 'model', 'permissionMode', 'maxTurns']);

/**
 * A definition file's text: YAML frontmatter Claude Code reads as it is, then the prompt.
 * `keptEntries` are the other keys' lines of the file being edited (`otherFrontmatterEntries`).
 */
export function definitionText(draft: AgentDefinitionDraft, keptEntries: readonly string[] = []): string {
  const lines = ['---', `name: ${draft.name}`, ...textEntry('description', draft.description.replace(/\s+/g, ' ').trim())];
  if (draft.tools !== null) lines.push(...listEntry('tools', draft.tools));
  if (draft.disallowedTools.length > 0) lines.push(...listEntry('disallowedTools', draft.disallowedTools));
  if (draft.model !== null) lines.push(`model: ${scalar(draft.model)}`);
  if (draft.permissionMode !== null) lines.push(`permissionMode: ${draft.permissionMode}`);
  if (draft.maxTurns !== null) lines.push(`maxTurns: ${draft.maxTurns}`);
  lines.push(...keptEntries, '---', '');
  const prompt = draft.prompt.replace(/\r\n?/g, '\n').trim();
  return `${lines.join('\n')}${prompt === '' ? '' : `${prompt}\n`}`;
}

/**
 * The lines of a file's frontmatter that belong to keys the form does not write (`color`,
 * `skills`, `hooks` with their indented or `- ` lines), in order; comments stay too.
 */
export function otherFrontmatterEntries(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trimEnd() !== '---') return [];
  const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end === -1) return [];
  const kept: string[] = [];
  let keeping = false;
  for (const line of lines.slice(1, end)) {
    const key = /^([A-Za-z_][A-Za-z0-9_.-]*)\s*:/.exec(line);
    if (key) keeping = !formKeys.has(key[1]!);
    else if (/^#/.test(line)) keeping = true;
    else if (line.trim() !== '' && !/^\s/.test(line) && !/^-\s/.test(line)) keeping = false;
    if (keeping) kept.push(line);
  }
  return kept;
}

/** A comma list when no entry has a comma (Claude Code's usual form), else a YAML list. */
function listEntry(key: string, items: readonly string[]): string[] {
  if (items.length === 0) return [`${key}: []`];
  if (items.every((item) => !item.includes(','))) return [`${key}: ${scalar(items.join(', '))}`];
  return [`${key}:`, ...items.map((item) => `  - ${scalar(item)}`)];
}

/** A one-line text under `key`; folded block text (`>-`, taken literally) when no quoting reads it back the same. */
function textEntry(key: string, text: string): string[] {
  if (text.includes('"') && text.includes("'")) return [`${key}: >-`, `  ${text}`];
  return [`${key}: ${scalar(text)}`];
}

/**
 * Plain when YAML reads it back as the same text; otherwise quoted (YAML and the tolerant reader,
 * `markdown/frontmatter.ts`, read quotes alike): double quotes around text without `"` or `\`,
 * else single quotes around text without `'`, else double quotes with `\"` and `\\` escaped.
 */
function scalar(text: string): string {
  const plain =
    /^[A-Za-z0-9_(./~][^\n]*$/.test(text) &&
    !/(:\s|\s#|:$)/.test(text) &&
    !/^(true|false|yes|no|on|off|null|~)$/i.test(text) &&
    !/^[\d.+-]+$/.test(text) &&
    text === text.trim();
  if (plain) return text;
  if (!text.includes('"') && !text.includes('\\')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
