import { emptyParsedConfig, noScripts, parseJsonObjectConfig, type ConfigFormat } from './config-format';

export const supersetConfigFile = '.superset/config.json';
export const cursorWorktreesFile = '.cursor/worktrees.json';
export const emdashConfigFile = '.emdash.json';

/** Superset's `.superset/config.json`: `{ setup, teardown, run }`, each a command or a list; teardown is the archive script. */
export const supersetConfig: ConfigFormat = {
  kind: 'superset',
  files: [supersetConfigFile],
  parse: (texts) =>
    parseJsonObjectConfig(supersetConfigFile, texts, (root, fields) => ({
      ...emptyParsedConfig(),
      scripts: { ...noScripts(), setup: fields.commands(root.setup, '"setup"'), run: fields.commands(root.run, '"run"'), archive: fields.commands(root.teardown, '"teardown"') },
    })),
};

/**
 * Cursor's `.cursor/worktrees.json`: a setup only, `setup-worktree` or the platform's own
 * `setup-worktree-unix` / `setup-worktree-windows`, which wins where it applies.
 */
export const cursorWorktreesConfig: ConfigFormat = {
  kind: 'cursor',
  files: [cursorWorktreesFile],
  parse: (texts) =>
    parseJsonObjectConfig(cursorWorktreesFile, texts, (root, fields) => {
      const platformKey = process.platform === 'win32' ? 'setup-worktree-windows' : 'setup-worktree-unix';
      const key = root[platformKey] !== undefined ? platformKey : 'setup-worktree';
      return { ...emptyParsedConfig(), scripts: { ...noScripts(), setup: fields.commands(root[key], `"${key}"`) } };
    }),
};

/** Emdash's `.emdash.json`: `{ scripts: { setup, run, teardown }, preservePatterns }` (ignored files to bring over). */
export const emdashConfig: ConfigFormat = {
  kind: 'emdash',
  files: [emdashConfigFile],
  parse: (texts) =>
    parseJsonObjectConfig(emdashConfigFile, texts, (root, fields) => {
      const scripts = fields.table(root.scripts, '"scripts"') ?? {};
      return {
        ...emptyParsedConfig(),
        scripts: { ...noScripts(), setup: fields.commands(scripts.setup, 'scripts.setup'), run: fields.commands(scripts.run, 'scripts.run'), archive: fields.commands(scripts.teardown, 'scripts.teardown') },
        include: fields.strings(root.preservePatterns, '"preservePatterns"'),
      };
    }),
};
