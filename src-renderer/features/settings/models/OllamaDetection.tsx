import { useState } from 'react';
import type { MethodOutput, ProviderStatusView } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { putProvider } from './models-store';

type Detection = MethodOutput<'models.detectOllama'>;

/** Asks whether Ollama answers on 127.0.0.1:11434 and offers its installed models. */
export function OllamaDetection({ ollama }: { ollama: ProviderStatusView | undefined }) {
  const api = useBridge();
  const [detection, setDetection] = useState<Detection | null>(null);
  const { pending, error, run } = useHostAction();
  const missing = detection?.models.filter((model) => !ollama?.models.includes(model)) ?? [];

  const detect = async () => {
    const result = await run(() => api.invoke('models.detectOllama', {}));
    if (result?.ok) setDetection(result.data);
  };

  const addModels = async () => {
    if (!detection) return;
    const models = [...new Set([...(ollama?.models ?? []), ...detection.models])];
    const result = await run(() => api.invoke('models.saveProvider', { id: 'ollama', models }));
    if (result?.ok) putProvider(api, result.data);
  };

  return (
    <div className="settings-ollama">
      <button type="button" className="button" onClick={detect} disabled={pending} aria-busy={pending}>
        Detect Ollama
      </button>
      <div role="status" className="settings-ollama__result">
        {detection && !detection.available && <p>Ollama is not answering on 127.0.0.1:11434.</p>}
        {detection?.available && (
          <p>
            Ollama answers on 127.0.0.1:11434 with {detection.models.length === 1 ? '1 model' : `${detection.models.length} models`}
            {detection.models.length > 0 ? ':' : '.'}
          </p>
        )}
      </div>
      {detection?.available && detection.models.length > 0 && (
        <ul aria-label="Models found in Ollama" className="settings-ollama__models">
          {detection.models.map((model) => (
            <li key={model} className="mono">
              ollama:{model}
            </li>
          ))}
        </ul>
      )}
      {missing.length > 0 && (
        <button type="button" className="button button--small" onClick={addModels} disabled={pending}>
          Add these models to Ollama
        </button>
      )}
      <InlineError message={error} />
    </div>
  );
}
