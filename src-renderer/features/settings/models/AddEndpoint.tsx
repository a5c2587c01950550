import { useState } from 'react';
import { AddEndpointForm } from './AddEndpointForm';
import type { ProviderPreset } from './endpoint-draft';

interface AddEndpointProps {
  presets: readonly ProviderPreset[];
  existingIds: readonly string[];
}

/** Adds an OpenAI-compatible endpoint, starting from a preset (Ollama, LM Studio, vLLM, OpenRouter) or from scratch. */
export function AddEndpoint({ presets, existingIds }: AddEndpointProps) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button settings-add" onClick={() => setOpen(true)}>
        Add endpoint
      </button>
    );
  }
  return <AddEndpointForm presets={presets} existingIds={existingIds} onDone={() => setOpen(false)} />;
}
