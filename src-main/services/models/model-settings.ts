import { z } from 'zod';
import { taskRoles, type TaskRole } from '../../../src-shared/contract';
import { providerIdPattern } from './model-ref';
import { providerKinds } from './provider-definitions';

/** Non-secret settings, persisted by the host (SQLite). Keys never come here. */
export interface SettingsStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export const modelSettingKeys = {
  providers: 'models.providers',
  roleDefaults: 'models.roleDefaults',
} as const;

const baseURLSchema = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), 'must be an http:// or https:// URL')
  .transform((value) => value.replace(/\/+$/, ''));

const modelIdsSchema = z.array(z.string().trim().min(1).max(200)).max(500);

/** What Settings → Models sends to add or change a provider. `baseURL: null` restores the default. */
export const providerInputSchema = z.object({
  id: z.string().trim().regex(providerIdPattern, 'lower-case letters, digits, ".", "_" or "-", starting with a letter or digit'),
  label: z.string().trim().min(1).max(80).optional(),
  enabled: z.boolean().optional(),
  baseURL: baseURLSchema.nullable().optional(),
  models: modelIdsSchema.optional(),
});
export type ProviderInput = z.input<typeof providerInputSchema>;

const storedProviderSchema = z.object({
  id: z.string().regex(providerIdPattern),
  kind: z.enum(providerKinds),
  label: z.string().optional(),
  enabled: z.boolean().optional(),
  baseURL: z.string().optional(),
  models: z.array(z.string()).optional(),
});
/** One saved provider: overrides for a built-in, or a whole compatible endpoint. */
export type StoredProvider = z.infer<typeof storedProviderSchema>;

export function readStoredProviders(settings: SettingsStore): StoredProvider[] {
  const raw = settings.get<unknown>(modelSettingKeys.providers);
  if (!Array.isArray(raw)) return [];
  // A hand-edited entry that no longer parses is skipped rather than breaking every model.
  return raw.flatMap((entry) => {
    const parsed = storedProviderSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export function writeStoredProviders(settings: SettingsStore, providers: StoredProvider[]): void {
  settings.set(modelSettingKeys.providers, providers);
}

export type RoleDefaults = Partial<Record<TaskRole, string>>;

export function readRoleDefaults(settings: SettingsStore): RoleDefaults {
  const raw = settings.get<Record<string, unknown>>(modelSettingKeys.roleDefaults);
  const defaults: RoleDefaults = {};
  if (typeof raw !== 'object' || raw === null) return defaults;
  for (const role of taskRoles) {
    const value = raw[role];
    if (typeof value === 'string' && value.trim()) defaults[role] = value.trim();
  }
  return defaults;
}

export function writeRoleDefaults(settings: SettingsStore, defaults: RoleDefaults): void {
  settings.set(modelSettingKeys.roleDefaults, defaults);
}
