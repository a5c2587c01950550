import { createHash } from 'node:crypto';
import { fail, ok, type Result, type WorkspaceConfigSource } from '../../../src-shared/contract';
import { braidWorkspaceConfig } from './braid-workspace-config';
import { checkoutConfigFiles } from './checkout-config-files';
import { commitConfigFiles } from './commit-config-files';
import type { ConfigFiles } from './config-files';
import { conductorJsonConfig, conductorSettingsConfig } from './conductor-config';
import { emptyParsedConfig, type ConfigFormat, type WorkspaceScripts } from './config-format';
import { cursorWorktreesConfig, emdashConfig, supersetConfig } from './other-tool-configs';

export type { WorkspaceScripts } from './config-format';

export const worktreeIncludeFile = '.worktreeinclude';

/** Formats in the order they are looked for: Braid's own first, then the tools it imports. */
export const configFormats: readonly ConfigFormat[] = [braidWorkspaceConfig, conductorSettingsConfig, conductorJsonConfig, supersetConfig, cursorWorktreesConfig, emdashConfig];

/** Every file a config is read from: `.worktreeinclude`, then each format's. */
const configFileNames: readonly string[] = [worktreeIncludeFile, ...configFormats.flatMap((format) => format.files)];
const localFileNames = new Set(configFormats.flatMap((format) => format.localFiles ?? []));

/** A repository's workspace config: which file it came from, the scripts, what to bring over, the ports. */
export interface WorkspaceConfig {
  /** The first format present, with the files read; null when the repository has none. */
  source: WorkspaceConfigSource | null;
  scripts: WorkspaceScripts;
  runMode: 'concurrent' | 'nonconcurrent';
  /** Patterns of ignored files to bring over: `.worktreeinclude` when present (it wins, as in Conductor), else the config's own list. */
  include: { from: string | null; patterns: string[] };
  ports: Record<string, number>;
  /** sha256 over the source files' names and bytes: what the user trusts before a script runs. Null without a source. */
  contentHash: string | null;
}

/** Details of `WORKSPACE_CONFIG_INVALID`: the source that was found and every problem in it. */
export interface InvalidConfigDetails {
  source: WorkspaceConfigSource;
  problems: string[];
  contentHash: string;
}

/**
 * Reads the workspace config of the repository checked out at `root` (the project's main
 * checkout: an agent cannot edit it from its worktree). Files are read as git names them,
 * never through a symbolic link. Synchronous: a few small files. Nothing here trusts or runs
 * anything.
 *
 * Fails with `WORKSPACE_CONFIG_INVALID` (details: `InvalidConfigDetails`) when the config found
 * does not parse or has entries of the wrong shape, naming each file and entry; with a
 * file-system code when a file cannot be read.
 */
export function readWorkspaceConfig(root: string): Result<WorkspaceConfig> {
  return workspaceConfigFrom(checkoutConfigFiles(root));
}

/**
 * The workspace config as committed in `commit` of the repository at `repo`, read and refused
 * exactly as from a checkout (same files, same problems, same `contentHash`, so trusting the
 * checkout's config trusts the same content committed). The merge queue reads its target's:
 * the setup and the gate (`test`) that judge an entry are never the entry's own. A file users
 * keep out of the repository (`localFiles`: Conductor's `settings.local.toml`) that the commit
 * does not have is read from the checkout at `localFilesFrom`, as a workspace gets it.
 */
export async function readWorkspaceConfigAt(repo: string, commit: string, options: { localFilesFrom?: string } = {}): Promise<Result<WorkspaceConfig>> {
  const committed = await commitConfigFiles(repo, commit, configFileNames);
  if (!committed.ok) return committed;
  if (options.localFilesFrom === undefined) return workspaceConfigFrom(committed.data);
  const checkout = checkoutConfigFiles(options.localFilesFrom);
  return workspaceConfigFrom({
    read(file) {
      const read = committed.data.read(file);
      return read.ok && read.data === null && localFileNames.has(file) ? checkout.read(file) : read;
    },
  });
}

/** The first config present among `files` (Braid's own, then the imports), with `.worktreeinclude`. */
function workspaceConfigFrom(reader: ConfigFiles): Result<WorkspaceConfig> {
  const include = reader.read(worktreeIncludeFile);
  if (!include.ok) return include;
  for (const format of configFormats) {
    const texts = new Map<string, string>();
    const hash = createHash('sha256');
    for (const file of format.files) {
      const read = reader.read(file);
      if (!read.ok) return read;
      if (read.data === null) continue;
      texts.set(file, read.data.toString('utf8'));
      hash.update(`${file}\0`).update(read.data).update('\0');
    }
    if (texts.size === 0) continue;
    const source: WorkspaceConfigSource = { kind: format.kind, files: [...texts.keys()] };
    const contentHash = hash.digest('hex');
    const { config, problems } = format.parse(texts);
    if (problems.length > 0) {
      const details: InvalidConfigDetails = { source, problems, contentHash };
      return fail('WORKSPACE_CONFIG_INVALID', problems.join('\n'), details);
    }
    return ok({ source, scripts: config.scripts, runMode: config.runMode, ports: config.ports, contentHash, include: includeOf(include.data, config.include, source) });
  }
  const none = emptyParsedConfig();
  return ok({ source: null, scripts: none.scripts, runMode: none.runMode, ports: none.ports, contentHash: null, include: includeOf(include.data, null, null) });
}

function includeOf(worktreeInclude: Buffer | null, own: string[] | null, source: WorkspaceConfigSource | null): WorkspaceConfig['include'] {
  if (worktreeInclude !== null) return { from: worktreeIncludeFile, patterns: patternLines(worktreeInclude.toString('utf8')) };
  if (own && own.length > 0 && source) return { from: source.files.at(-1) ?? null, patterns: own };
  return { from: null, patterns: [] };
}

/** Gitignore lines that say something (blank lines and comments dropped). */
export function patternLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'));
}
