import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseServerConfig, type McpServerConfig } from './server-config';

/** Project files that declare MCP servers, in order of precedence, with the key holding the servers. */
export const projectConfigFiles = [
  { file: '.mcp.json', key: 'mcpServers' },
  { file: '.cursor/mcp.json', key: 'mcpServers' },
  { file: '.vscode/mcp.json', key: 'servers' },
] as const;

export type ProjectConfigFile = (typeof projectConfigFiles)[number]['file'];

export interface ProjectServer {
  config: McpServerConfig;
  /** The file it came from, relative to the project root. */
  source: ProjectConfigFile;
}

export interface ProjectConfigProblem {
  file: ProjectConfigFile;
  /** Names the file and the field, e.g. `.mcp.json: mcpServers.github.command: the command is empty`. */
  message: string;
}

export interface ProjectMcpConfig {
  servers: ProjectServer[];
  problems: ProjectConfigProblem[];
}

/**
 * Reads the project's MCP server files. Never throws: a missing file is simply absent, a broken
 * file or entry becomes a problem the UI can show while the valid entries are still used.
 * When two files name the same server, the earlier file in `projectConfigFiles` wins.
 */
export async function readProjectMcpConfig(
  projectRoot: string,
  options: { files?: readonly ProjectConfigFile[] } = {},
): Promise<ProjectMcpConfig> {
  const wanted = options.files ?? projectConfigFiles.map((entry) => entry.file);
  const servers: ProjectServer[] = [];
  const problems: ProjectConfigProblem[] = [];
  const seen = new Set<string>();

  for (const { file, key } of projectConfigFiles) {
    if (!wanted.includes(file)) continue;
    const read = await readJson(join(projectRoot, file));
    if (read.kind === 'absent') continue;
    if (read.kind === 'error') {
      problems.push({ file, message: `${file}: ${read.message}` });
      continue;
    }
    const root = read.value;
    if (!root || typeof root !== 'object' || Array.isArray(root)) {
      problems.push({ file, message: `${file}: must contain a JSON object` });
      continue;
    }
    const entries = (root as Record<string, unknown>)[key];
    if (entries === undefined) continue;
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) {
      problems.push({ file, message: `${file}: ${key}: must be an object of servers by name` });
      continue;
    }
    for (const [name, body] of Object.entries(entries as Record<string, unknown>)) {
      const parsed = parseServerConfig(name, body, `${file}: ${key}.${name}`);
      if (!parsed.ok) {
        problems.push({ file, message: parsed.error.message });
      } else if (!seen.has(name)) {
        seen.add(name);
        servers.push({ config: parsed.data, source: file });
      }
    }
  }
  return { servers, problems };
}

type JsonRead = { kind: 'absent' } | { kind: 'error'; message: string } | { kind: 'ok'; value: unknown };

async function readJson(path: string): Promise<JsonRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'error', message: `cannot be read (${code ?? String(error)})` };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) };
  } catch (error) {
    return { kind: 'error', message: `is not valid JSON (${(error as Error).message})` };
  }
}
