import { parse as parseToml } from 'smol-toml';
import { emptyParsedConfig, noScripts, parseJsonObjectConfig, type ConfigFormat } from './config-format';
import { ConfigFields } from './config-fields';

export const conductorJsonFile = 'conductor.json';
export const conductorSettingsFile = '.conductor/settings.toml';
export const conductorLocalSettingsFile = '.conductor/settings.local.toml';

/**
 * Conductor's `.conductor/settings.toml`, layered as Conductor layers it: the repository's
 * `settings.local.toml` over its `settings.toml`, entry by entry (the user's own files in
 * `~/.conductor` are Conductor's business, not the repository's). `[scripts]` has `setup`,
 * `run`, `archive` and `run_mode`; `file_include_globs` lists ignored files to bring over.
 */
export const conductorSettingsConfig: ConfigFormat = {
  kind: 'conductor-toml',
  files: [conductorSettingsFile, conductorLocalSettingsFile],
  localFiles: [conductorLocalSettingsFile],
  parse(texts) {
    const problems: string[] = [];
    const scripts: Record<string, unknown> = {};
    let includeGlobs: unknown;
    for (const file of this.files) {
      const text = texts.get(file);
      if (text === undefined) continue;
      const fields = new ConfigFields(file);
      let document: Record<string, unknown>;
      try {
        document = parseToml(text) as Record<string, unknown>;
      } catch (error) {
        const { line, column } = error as { line?: number; column?: number };
        const why = (error as Error).message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? String(error);
        problems.push(`${file}: is not valid TOML (${why}${line ? `, line ${line} column ${column ?? 1}` : ''})`);
        continue;
      }
      Object.assign(scripts, fields.table(document.scripts, '[scripts]') ?? {});
      if (document.file_include_globs !== undefined) includeGlobs = document.file_include_globs;
      problems.push(...fields.problems);
    }
    if (problems.length > 0) return { config: emptyParsedConfig(), problems };
    // Entries are read from the layered table; a problem names the file that gave the value last.
    const fields = new ConfigFields(texts.has(conductorLocalSettingsFile) ? `${conductorSettingsFile} + ${conductorLocalSettingsFile}` : conductorSettingsFile);
    return {
      config: {
        scripts: {
          ...noScripts(),
          setup: fields.commands(scripts.setup, 'scripts.setup'),
          run: fields.commands(scripts.run, 'scripts.run'),
          archive: fields.commands(scripts.archive, 'scripts.archive'),
        },
        runMode: fields.runMode(scripts.run_mode, 'scripts.run_mode'),
        include: fields.strings(includeGlobs, 'file_include_globs'),
        ports: {},
      },
      problems: fields.problems,
    };
  },
};

/** Conductor's older `conductor.json`: `{ "scripts": { "setup", "run", "archive" }, "runScriptMode" }`. */
export const conductorJsonConfig: ConfigFormat = {
  kind: 'conductor-json',
  files: [conductorJsonFile],
  parse: (texts) =>
    parseJsonObjectConfig(conductorJsonFile, texts, (root, fields) => {
      const scripts = fields.table(root.scripts, '"scripts"') ?? {};
      return {
        ...emptyParsedConfig(),
        scripts: {
          ...noScripts(),
          setup: fields.commands(scripts.setup, 'scripts.setup'),
          run: fields.commands(scripts.run, 'scripts.run'),
          archive: fields.commands(scripts.archive, 'scripts.archive'),
        },
        runMode: fields.runMode(root.runScriptMode, '"runScriptMode"'),
      };
    }),
};
