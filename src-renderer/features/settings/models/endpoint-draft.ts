import type { MethodInput, MethodOutput } from '../../../../src-shared/contract';

export type ProviderPreset = MethodOutput<'models.overview'>['presets'][number];
export type ProviderInput = MethodInput<'models.saveProvider'>;

/** "Add endpoint" as typed. `preset` only fills the fields in; what counts is the id. */
export interface EndpointDraft {
  preset: string;
  id: string;
  label: string;
  baseURL: string;
  models: string;
}

export const customPreset = 'custom';

export type EndpointParse = { ok: true; input: ProviderInput } | { ok: false; message: string };

/** The fields a preset starts from; "custom" starts empty. Model ids typed so far are kept. */
export function draftForPreset(presetId: string, presets: readonly ProviderPreset[], models = ''): EndpointDraft {
  const preset = presets.find((candidate) => candidate.id === presetId);
  if (!preset) return { preset: customPreset, id: '', label: '', baseURL: '', models };
  return { preset: preset.id, id: preset.id, label: preset.label, baseURL: preset.baseURL, models };
}

/** The host's rule for provider ids: the part before ":" in `ollama:qwen3-coder`. */
const providerId = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Comma- or line-separated model ids, trimmed, without blanks or repeats. */
export function parseModelIds(text: string): { ok: true; models: string[] } | { ok: false; message: string } {
  const models = [...new Set(text.split(/[,\r\n]/).map((id) => id.trim()).filter((id) => id !== ''))];
  const spaced = models.find((id) => /\s/.test(id));
  if (spaced) return { ok: false, message: `The model id "${spaced}" contains a space; separate ids with commas.` };
  const long = models.find((id) => id.length > 200);
  if (long) return { ok: false, message: `The model id "${long.slice(0, 40)}…" is longer than 200 characters.` };
  if (models.length > 500) return { ok: false, message: 'At most 500 model ids.' };
  return { ok: true, models };
}

/** Why a typed base URL cannot be used, or null. */
export function baseURLProblem(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return null;
  } catch {
    // Reported below, with an example.
  }
  return `The base URL must be an http:// or https:// URL, e.g. http://127.0.0.1:8000/v1 (got "${url}").`;
}

const sameURL = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * What `models.saveProvider` gets for a new endpoint. An id that names a preset keeps the
 * preset's default URL unless another one is typed (so the host's default can move later);
 * any other id is a custom endpoint and needs its URL.
 */
export function providerInputFromDraft(draft: EndpointDraft, presets: readonly ProviderPreset[], existingIds: readonly string[]): EndpointParse {
  const id = draft.id.trim();
  if (!providerId.test(id)) {
    return { ok: false, message: 'The id is lower-case letters, digits, ".", "_" or "-", starting with a letter or digit (it is the part before ":" in a model such as ollama:qwen3-coder).' };
  }
  if (existingIds.includes(id)) return { ok: false, message: `"${id}" is already in the list; change it there.` };
  const preset = presets.find((candidate) => candidate.id === id);
  const baseURL = draft.baseURL.trim();
  if (baseURL === '' && !preset) return { ok: false, message: 'A custom endpoint needs its base URL, e.g. http://127.0.0.1:8000/v1.' };
  if (baseURL !== '') {
    const problem = baseURLProblem(baseURL);
    if (problem) return { ok: false, message: problem };
  }
  const models = parseModelIds(draft.models);
  if (!models.ok) return models;
  const label = draft.label.trim();
  if (label.length > 80) return { ok: false, message: 'The label is longer than 80 characters.' };
  const input: ProviderInput = { id };
  if (label !== '' && label !== preset?.label) input.label = label;
  if (baseURL !== '' && !(preset && sameURL(baseURL, preset.baseURL))) input.baseURL = baseURL;
  if (models.models.length > 0) input.models = models.models;
  return { ok: true, input };
}
