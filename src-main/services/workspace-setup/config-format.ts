import type { WorkspaceConfigKind } from '../../../src-shared/contract';
import { ConfigFields, describe } from './config-fields';

/** Each script's command lines, run in order by the user's shell; empty when there is none. */
export interface WorkspaceScripts {
  setup: string[];
  run: string[];
  archive: string[];
  /** The merge queue's gate command (Braid's own config only). */
  test: string[];
}

/** What one format's file(s) said, in Braid's terms. */
export interface ParsedWorkspaceConfig {
  scripts: WorkspaceScripts;
  runMode: 'concurrent' | 'nonconcurrent';
  /** The format's own list of ignored files to bring over; `.worktreeinclude` wins over it. */
  include: string[] | null;
  /** Variables naming ports of the workspace's block: name → offset 0–9 (Braid's own config only). */
  ports: Record<string, number>;
}

/** A workspace config format Braid reads: its files and how their texts become scripts. */
export interface ConfigFormat {
  kind: WorkspaceConfigKind;
  /** Its files relative to the repository, lowest precedence first; the format is present when one of them is. */
  files: readonly string[];
  /** Those of `files` a user keeps out of the repository (Conductor's `settings.local.toml`): read from the checkout when a commit has none. */
  localFiles?: readonly string[];
  /** The texts of the files that exist (by name); problems name file and entry. */
  parse(texts: ReadonlyMap<string, string>): { config: ParsedWorkspaceConfig; problems: string[] };
}

export const noScripts = (): WorkspaceScripts => ({ setup: [], run: [], archive: [], test: [] });
export const emptyParsedConfig = (): ParsedWorkspaceConfig => ({ scripts: noScripts(), runMode: 'concurrent', include: null, ports: {} });

/**
 * A JSON config file that must hold an object, then its entries read by `read`. Problems: the
 * parser's message with its line and column, or the entries `read` found wrong.
 */
export function parseJsonObjectConfig(
  file: string,
  texts: ReadonlyMap<string, string>,
  read: (root: Record<string, unknown>, fields: ConfigFields) => ParsedWorkspaceConfig,
): { config: ParsedWorkspaceConfig; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(texts.get(file) ?? '');
  } catch (error) {
    return { config: emptyParsedConfig(), problems: [`${file}: is not valid JSON (${(error as Error).message})`] };
  }
  const fields = new ConfigFields(file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { config: emptyParsedConfig(), problems: [`${file}: must hold a JSON object, not ${describe(value)}`] };
  }
  const config = read(value as Record<string, unknown>, fields);
  return { config, problems: fields.problems };
}
