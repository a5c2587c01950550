import type { TaskRole } from '../../../src-shared/contract';
import type { RoleDefaults, StoredProvider } from './model-settings';
import type { Env, ProviderConfig } from './provider-config';
import { knownProviderIds } from './provider-config';

/** Names the default model: a full reference or a bare model id (`BRAID_MODEL=gpt-4o-mini`). */
export const defaultModelEnv = 'BRAID_MODEL';

export type ModelChoiceSource = 'explicit' | 'role-default' | 'env' | 'automatic';

export interface ModelChoice {
  ref: string;
  source: ModelChoiceSource;
}

/**
 * `BRAID_MODEL` as a full reference. A bare id goes to OpenAI when `OPENAI_BASE_URL` points
 * at a compatible server (the "start against a local server with no clicks" case), otherwise
 * to the vendor its name gives away, otherwise to OpenAI.
 */
export function envDefaultRef(env: Env, stored: StoredProvider[]): string | undefined {
  const value = env[defaultModelEnv]?.trim();
  if (!value) return undefined;
  const colon = value.indexOf(':');
  if (colon > 0 && knownProviderIds(stored).includes(value.slice(0, colon))) return value;
  return `${vendorOf(value, env)}:${value}`;
}

function vendorOf(modelId: string, env: Env): string {
  if (env.OPENAI_BASE_URL?.trim()) return 'openai';
  const id = modelId.toLowerCase();
  if (id.startsWith('claude')) return 'anthropic';
  if (id.startsWith('gemini')) return 'google';
  if (id.startsWith('kimi') || id.startsWith('moonshot')) return 'moonshot';
  return 'openai';
}

/**
 * Which model a task uses: the one it names, else its role's default from Settings, else
 * `BRAID_MODEL`, else the suggested model of the first built-in provider that has a key.
 */
export function chooseModelRef(input: {
  requested: string | null | undefined;
  role: TaskRole;
  roleDefaults: RoleDefaults;
  env: Env;
  stored: StoredProvider[];
  usableBuiltIns: ProviderConfig[];
}): ModelChoice | undefined {
  const requested = input.requested?.trim();
  if (requested) return { ref: requested, source: 'explicit' };
  const roleDefault = input.roleDefaults[input.role];
  if (roleDefault) return { ref: roleDefault, source: 'role-default' };
  const fromEnv = envDefaultRef(input.env, input.stored);
  if (fromEnv) return { ref: fromEnv, source: 'env' };
  const automatic = input.usableBuiltIns.find((provider) => provider.models.length > 0);
  if (automatic) return { ref: `${automatic.id}:${automatic.models[0]}`, source: 'automatic' };
  return undefined;
}
