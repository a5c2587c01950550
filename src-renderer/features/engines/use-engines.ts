import { useEffect, useState } from 'react';
import type { EngineAvailability } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

export type EnginesLoad = { status: 'loading' } | { status: 'loaded'; engines: EngineAvailability[] } | { status: 'failed'; message: string };

/** The external agents Braid has presets for, detected afresh when the dialog opens (the user may just have installed one). */
export function useEngines(): EnginesLoad {
  const api = useBridge();
  const [load, setLoad] = useState<EnginesLoad>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    void api.invoke('engines.list', {}).then((result) => {
      if (!current) return;
      setLoad(result.ok ? { status: 'loaded', engines: result.data } : { status: 'failed', message: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [api]);
  return load;
}
