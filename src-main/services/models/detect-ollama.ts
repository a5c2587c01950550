import type { FetchFunction } from './create-language-model';

export const defaultOllamaURL = 'http://127.0.0.1:11434';

export interface OllamaDetection {
  available: boolean;
  /** Installed model names as Ollama reports them, e.g. `qwen3-coder:30b`. */
  models: string[];
}

/**
 * Is Ollama answering on its usual port, and with which models? Asked with a short timeout
 * because the usual answer on a machine without Ollama is "connection refused" or nothing.
 */
export async function detectOllama(options: { baseURL?: string; fetch?: FetchFunction; timeoutMs?: number } = {}): Promise<OllamaDetection> {
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const url = `${(options.baseURL ?? defaultOllamaURL).replace(/\/+$/, '')}/api/tags`;
  try {
    const response = await fetchFunction(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 800) });
    if (!response.ok) return { available: false, models: [] };
    const body = (await response.json()) as { models?: { name?: unknown; model?: unknown }[] };
    if (!Array.isArray(body.models)) return { available: false, models: [] };
    const models = body.models
      .map((entry) => (typeof entry.name === 'string' ? entry.name : typeof entry.model === 'string' ? entry.model : ''))
      .filter(Boolean);
    return { available: true, models };
  } catch {
    return { available: false, models: [] };
  }
}
