import { existsSync } from 'node:fs';
import type { AgentDefinitionSource, AgentDefinitionView, AgentDefinitions } from '../../../src-shared/contract';
import { listFilesBelow, readConfinedText } from '../markdown/confined-text';
import { resolveInsideWorkspace } from '../paths/confine-path';
import { parseAgentDefinition, type AgentDefinition } from './agent-definition';
import { agentFolders, type AgentFolder } from './agent-folders';

/** A folder holds at most this many definitions (the first ones by name are read). */
const maxFilesPerFolder = 200;

/** One file as read: what Settings shows, and the definition when it can be used. */
export interface LoadedDefinition {
  view: AgentDefinitionView;
  definition: AgentDefinition | null;
}

export interface LoadedDefinitions {
  /** Every file of every folder, sorted by name then source order. */
  all: LoadedDefinition[];
  /** The usable definition that wins for each name. */
  byName: Map<string, { definition: AgentDefinition; source: AgentDefinitionSource }>;
  folders: AgentDefinitions['folders'];
}

/**
 * Reads every folder (`agent-folders.ts`) fresh: each `.md` file directly in it, only when it
 * really lies inside its root (a link out of the project or the home is refused and said so).
 * A name defined twice is taken from the first source in lookup order; the others are listed
 * as shadowed by it. A file that does not parse is listed with its error and never used.
 */
export async function loadAgentDefinitions(roots: { project: string | null; home: string }): Promise<LoadedDefinitions> {
  const folders = agentFolders(roots);
  const all: LoadedDefinition[] = [];
  for (const folder of folders) all.push(...(await readFolder(folder)));
  const byName = new Map<string, { definition: AgentDefinition; source: AgentDefinitionSource }>();
  const winner = new Map<string, AgentDefinitionSource>();
  for (const loaded of all) {
    const first = winner.get(loaded.view.name);
    if (first === undefined) {
      // A file that cannot be used does not shadow anything: the next one with that name works.
      if (loaded.definition) {
        winner.set(loaded.view.name, loaded.view.source);
        byName.set(loaded.view.name, { definition: loaded.definition, source: loaded.view.source });
      }
    } else loaded.view.shadowedBy = first;
  }
  const order = new Map(folders.map((folder, index) => [folder.source, index]));
  all.sort((a, b) => (a.view.name === b.view.name ? order.get(a.view.source)! - order.get(b.view.source)! : a.view.name < b.view.name ? -1 : 1));
  return { all, byName, folders: folders.map((folder) => ({ source: folder.source, path: folder.path, exists: existsSync(folder.path) })) };
}

async function readFolder(folder: AgentFolder): Promise<LoadedDefinition[]> {
  const located = resolveInsideWorkspace(folder.root, folder.relative);
  if (!located.ok) {
    if (!existsSync(folder.path)) return [];
    return [brokenFolder(folder, located.error.message)];
  }
  const listing = await listFilesBelow(located.data, '.md', { maxDepth: 1, maxFiles: maxFilesPerFolder });
  const loaded: LoadedDefinition[] = [];
  for (const file of listing.names) {
    const shown = `${folder.relative}/${file}`;
    const read = await readConfinedText(folder.root, shown, shown);
    const path = `${folder.path}/${file}`;
    if (!read.ok) {
      loaded.push({ view: view(folder, file, path, { name: file.replace(/\.md$/i, ''), error: read.problem, warnings: [] }, null), definition: null });
      continue;
    }
    const parsed = parseAgentDefinition(read.text, file);
    const warnings = read.cut ? [...parsed.warnings, `${shown} is longer than Braid reads; only its start is used`] : parsed.warnings;
    loaded.push({ view: view(folder, file, path, { name: parsed.name, error: parsed.error, warnings }, parsed.definition), definition: parsed.definition });
  }
  if (listing.truncated) {
    const last = loaded.at(-1);
    last?.view.warnings.push(`${folder.relative} holds more than ${maxFilesPerFolder} files; the rest were not read`);
  }
  return loaded;
}

function view(
  folder: AgentFolder,
  file: string,
  path: string,
  read: { name: string; error: string | null; warnings: string[] },
  definition: AgentDefinition | null,
): AgentDefinitionView {
  return {
    name: read.name,
    file,
    path,
    source: folder.source,
    description: definition?.description ?? '',
    tools: definition?.tools ?? null,
    disallowedTools: definition?.disallowedTools ?? [],
    model: definition?.model ?? null,
    permissionMode: definition?.permissionMode ?? null,
    maxTurns: definition?.maxTurns ?? null,
    prompt: definition?.prompt ?? '',
    warnings: read.warnings,
    error: read.error,
    shadowedBy: null,
  };
}

/** The folder itself leads outside its root (a link): one entry says so, nothing in it is read. */
function brokenFolder(folder: AgentFolder, why: string): LoadedDefinition {
  return { view: view(folder, '', folder.path, { name: `(${folder.relative})`, error: `${folder.relative} is not read: ${why}`, warnings: [] }, null), definition: null };
}
