import { z } from 'zod';
import { taskRoleSchema } from './domain';

/** Settings → Models: a provider as the UI sees it. There is deliberately no field for the key. */
export const providerStatusSchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  enabled: z.boolean(),
  builtIn: z.boolean(),
  preset: z.string().nullable(),
  configured: z.boolean(),
  keySource: z.enum(['env', 'settings', 'none']),
  keyEnvVar: z.string().nullable(),
  keyRequired: z.boolean(),
  baseURL: z.string(),
  baseURLSource: z.enum(['default', 'env', 'settings']),
  models: z.array(z.string()),
  problem: z.string().nullable(),
});
export type ProviderStatusView = z.infer<typeof providerStatusSchema>;

export const providerPresetSchema = z.object({ id: z.string(), label: z.string(), baseURL: z.string(), keyRequired: z.boolean() });
export const roleDefaultSchema = z.object({
  role: taskRoleSchema,
  ref: z.string().nullable(),
  source: z.enum(['settings', 'env', 'automatic', 'none']),
});

/** What the UI sends to add or change a provider (validated again, precisely, by the service). */
export const providerInputSchema = z
  .object({
    id: z.string().trim().min(1).max(64),
    label: z.string().trim().min(1).max(80).optional(),
    enabled: z.boolean().optional(),
    baseURL: z.string().trim().max(2000).nullable().optional(),
    models: z.array(z.string().trim().min(1).max(200)).max(500).optional(),
  })
  .strict();

export const modelRefSchema = z.string().trim().min(3).max(300).regex(/^[^:\s]+:\S+$/, 'a model is written <provider>:<model>, e.g. anthropic:claude-sonnet-4-5');

export const mcpServerStateSchema = z.enum(['stopped', 'connecting', 'ready', 'failed']);
export const mcpServerStatusSchema = z.object({
  key: z.string(),
  name: z.string(),
  state: mcpServerStateSchema,
  error: z.string().optional(),
  pid: z.number().optional(),
  restarts: z.number(),
});
export type McpServerStatusView = z.infer<typeof mcpServerStatusSchema>;

/** A server's config as stored and shown (env values and headers included: they are the user's own). */
export const mcpServerConfigViewSchema = z.union([
  z.object({ name: z.string(), type: z.enum(['http', 'sse']), url: z.string(), headers: z.record(z.string(), z.string()).optional() }),
  z.object({
    name: z.string(),
    type: z.literal('stdio').optional(),
    command: z.string(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    cwd: z.string().optional(),
  }),
]);

export const mcpServerEntrySchema = z.object({
  scope: z.enum(['app', 'project']),
  config: mcpServerConfigViewSchema,
  enabled: z.boolean(),
  disabledTools: z.array(z.string()),
  trusted: z.boolean(),
  source: z.string().optional(),
  status: mcpServerStatusSchema.nullable(),
});
export type McpServerEntryView = z.infer<typeof mcpServerEntrySchema>;

export const mcpServerRefSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('app'), name: z.string().min(1).max(64) }),
  z.object({ scope: z.literal('project'), projectId: z.string().min(1).max(64), name: z.string().min(1).max(64) }),
]);
