import { describe, expect, it } from 'vitest';
import type { MethodOutput, ProviderStatusView } from '../../../../src-shared/contract';
import type { Bridge } from '../../../bridge/bridge';
import { loadModelsOverview, putProvider, useModelsSettingsStore } from './models-store';

type Overview = MethodOutput<'models.overview'>;

const provider = (id: string, change: Partial<ProviderStatusView> = {}): ProviderStatusView => ({
  id,
  kind: 'openai-compatible',
  label: id,
  enabled: true,
  builtIn: false,
  preset: null,
  configured: true,
  keySource: 'none',
  keyEnvVar: null,
  keyRequired: false,
  baseURL: 'http://127.0.0.1:8000/v1',
  baseURLSource: 'settings',
  models: [],
  problem: null,
  ...change,
});

const overview = (...providers: ProviderStatusView[]): Overview => ({ providers, presets: [], roleDefaults: [] });

/** A host whose overview answers wait until the test releases them. */
function controllableHost() {
  const answers: ((value: Overview) => Promise<void>)[] = [];
  const api = {
    invoke: (method: string) => {
      if (method !== 'models.overview') throw new Error(`unexpected ${method}`);
      return new Promise((resolve) => {
        answers.push(async (data) => {
          resolve({ ok: true, data });
          await new Promise((done) => setTimeout(done, 0));
        });
      });
    },
    on: () => () => {},
  } as unknown as Bridge;
  return { api, answers };
}

describe('the models settings store', () => {
  it('shows a provider the host just saved at once, and an older overview cannot undo it', async () => {
    const { api, answers } = controllableHost();
    void loadModelsOverview(api);
    await answers[0]?.(overview(provider('gpu')));
    void loadModelsOverview(api); // say, the panel re-opened
    putProvider(api, provider('gpu', { keySource: 'settings' })); // then a key was saved
    await answers[1]?.(overview(provider('gpu'))); // answered from before the key
    expect(useModelsSettingsStore.getState().overview?.providers[0]?.keySource).toBe('settings');
    await answers[2]?.(overview(provider('gpu', { keySource: 'settings' }), provider('new')));
    expect(useModelsSettingsStore.getState().overview?.providers.map((p) => p.id)).toEqual(['gpu', 'new']);
  });

  it('adds a provider it did not list yet', async () => {
    const { api, answers } = controllableHost();
    void loadModelsOverview(api);
    await answers[0]?.(overview(provider('a')));
    putProvider(api, provider('b'));
    expect(useModelsSettingsStore.getState().overview?.providers.map((p) => p.id)).toEqual(['a', 'b']);
  });
});
