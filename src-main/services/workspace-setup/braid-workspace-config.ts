import { parseJsonObjectConfig, type ConfigFormat } from './config-format';

export const braidConfigFile = '.braid/workspace.json';
const knownKeys = ['$schema', 'setup', 'run', 'archive', 'test', 'include', 'ports', 'runMode'] as const;
const portBlockSize = 10;

/**
 * Braid's own `.braid/workspace.json`: `setup`, `run`, `archive` and `test` (each a command
 * line or a list), `include` (gitignore patterns of ignored files to bring over), `ports` (extra
 * variables naming ports of the workspace's block: `{ "VITE_PORT": 1 }` is BRAID_PORT + 1) and
 * `runMode` (`concurrent` or `nonconcurrent`, as Conductor's). Unknown keys are refused: a
 * typo would otherwise silently run nothing.
 */
export const braidWorkspaceConfig: ConfigFormat = {
  kind: 'braid',
  files: [braidConfigFile],
  parse: (texts) =>
    parseJsonObjectConfig(braidConfigFile, texts, (root, fields) => {
      fields.onlyKnownKeys(root, knownKeys, '');
      const ports: Record<string, number> = {};
      for (const [name, offset] of Object.entries(fields.table(root.ports, '"ports"') ?? {})) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fields.problem(`ports.${name}`, 'is not a valid environment variable name');
        else if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset >= portBlockSize) {
          fields.problem(`ports.${name}`, `must be an offset into the workspace's ${portBlockSize} ports (0–${portBlockSize - 1})`);
        } else ports[name] = offset;
      }
      return {
        scripts: {
          setup: fields.commands(root.setup, '"setup"'),
          run: fields.commands(root.run, '"run"'),
          archive: fields.commands(root.archive, '"archive"'),
          test: fields.commands(root.test, '"test"'),
        },
        runMode: fields.runMode(root.runMode, '"runMode"'),
        include: fields.strings(root.include, '"include"'),
        ports,
      };
    }),
};
