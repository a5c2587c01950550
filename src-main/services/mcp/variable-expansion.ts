import { fail, ok, type Result } from '../../../src-shared/contract/result';
import { isStdioConfig, type McpServerConfig } from './server-config';

export type Environment = Record<string, string | undefined>;

/** Only `${NAME}` and `${NAME:-default}`; `$NAME`, `$(...)`, backticks and the rest stay literal text. */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Expands `${VAR}` and `${VAR:-default}` (the default applies when VAR is unset or empty, as in
 * the shell). A variable that is unset and has no default is an error naming it, rather than a
 * silently empty token sent to a server.
 */
export function expandVariables(value: string, env: Environment): Result<string> {
  let missing: string | undefined;
  const expanded = value.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    const current = env[name];
    if (current !== undefined && (current !== '' || fallback === undefined)) return current;
    if (fallback !== undefined) return fallback;
    missing ??= name;
    return whole;
  });
  if (missing !== undefined) {
    return fail('INVALID_INPUT', `the environment variable ${missing} is not set (use \${${missing}:-default} for a default)`, {
      variable: missing,
    });
  }
  return ok(expanded);
}

/** Expands every string a server config passes on (command, args, env, cwd, url, headers). */
export function expandServerConfig(config: McpServerConfig, env: Environment): Result<McpServerConfig> {
  const problems: string[] = [];
  const expand = (field: string, value: string): string => {
    const result = expandVariables(value, env);
    if (result.ok) return result.data;
    problems.push(`${field}: ${result.error.message}`);
    return value;
  };
  const expandRecord = (field: string, record: Record<string, string> | undefined) =>
    record && Object.fromEntries(Object.entries(record).map(([key, value]) => [key, expand(`${field}.${key}`, value)]));

  let expanded: McpServerConfig;
  if (isStdioConfig(config)) {
    expanded = {
      ...config,
      command: expand('command', config.command),
      ...(config.args && { args: config.args.map((arg, index) => expand(`args[${index}]`, arg)) }),
      ...(config.env && { env: expandRecord('env', config.env) }),
      ...(config.cwd && { cwd: expand('cwd', config.cwd) }),
    };
  } else {
    expanded = {
      ...config,
      url: expand('url', config.url),
      ...(config.headers && { headers: expandRecord('headers', config.headers) }),
    };
  }
  if (problems.length > 0) return fail('INVALID_INPUT', `MCP server "${config.name}": ${problems.join('; ')}`, { server: config.name });
  return ok(expanded);
}
