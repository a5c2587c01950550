import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../src-shared/canonical-json';
import { fail, ok, type Result } from '../../../src-shared/contract/result';

/** Server names become part of tool names (`mcp__<server>__<tool>`), so they stay short and plain. */
export const serverNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a server name is 1-64 letters, digits, "_" or "-"');

const stringRecord = z.record(z.string(), z.string());

/** The body of one entry in `mcpServers` (the name is the key there). */
export const stdioServerBodySchema = z.object({
  type: z.literal('stdio').optional(),
  command: z.string().min(1, 'the command is empty'),
  args: z.array(z.string()).optional(),
  env: stringRecord.optional(),
  cwd: z.string().min(1).optional(),
});

export const remoteServerBodySchema = z.object({
  type: z.enum(['http', 'sse']),
  url: z.string().min(1, 'the url is empty'),
  headers: stringRecord.optional(),
});

export const mcpServerConfigSchema = z.union([
  remoteServerBodySchema.extend({ name: serverNameSchema }),
  stdioServerBodySchema.extend({ name: serverNameSchema }),
]);

export type McpServerConfig = z.infer<typeof mcpServerConfigSchema>;
export type StdioServerConfig = Extract<McpServerConfig, { command: string }>;
export type RemoteServerConfig = Extract<McpServerConfig, { url: string }>;

/**
 * Validates one server entry. `type` absent or `stdio` means a command, `http`/`sse` a URL;
 * dispatching on it first keeps the error about the field that is actually wrong.
 * `where` names the place for messages, e.g. `.mcp.json: mcpServers.github`.
 */
export function parseServerConfig(name: string, body: unknown, where: string): Result<McpServerConfig> {
  const nameCheck = serverNameSchema.safeParse(name);
  if (!nameCheck.success) return fail('INVALID_INPUT', `${where}: ${nameCheck.error.issues[0]?.message ?? 'bad name'} (got "${name}")`);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return fail('INVALID_INPUT', `${where}: must be an object`);
  const type = (body as { type?: unknown }).type;
  const schema = type === 'http' || type === 'sse' ? remoteServerBodySchema : stdioServerBodySchema;
  if (type !== undefined && type !== 'http' && type !== 'sse' && type !== 'stdio') {
    return fail('INVALID_INPUT', `${where}.type: must be "stdio", "http" or "sse" (got ${JSON.stringify(type)})`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return fail('INVALID_INPUT', describeIssues(parsed.error, where));
  return ok({ ...parsed.data, name } as McpServerConfig);
}

export function isStdioConfig(config: McpServerConfig): config is StdioServerConfig {
  return 'command' in config;
}

/** A readable "field: problem" line for the first issues of a zod error, prefixed with where it was found. */
export function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * A stable fingerprint of a config: key order does not matter, any changed value does. Trust is
 * keyed by it (a changed command must be trusted again) and so are running connections.
 */
export function configHash(config: McpServerConfig): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 32);
}
