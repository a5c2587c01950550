import { useState } from 'react';
import { InlineError } from '../../ui/InlineError';
import { useSingleFlight } from '../../ui/use-single-flight';

interface EnabledSwitchProps {
  checked: boolean;
  label?: string;
  /** Asks the host; resolves to the error message, or null once it is done. */
  onToggle(enabled: boolean): Promise<string | null>;
}

/** An on/off switch: it moves at once, and moves back with the host's reason if the host refuses. */
export function EnabledSwitch({ checked, label = 'Enabled', onToggle }: EnabledSwitchProps) {
  const [error, setError] = useState<string | null>(null);
  const [asked, setAsked] = useState<boolean | null>(null);
  const { pending, run } = useSingleFlight();

  const toggle = async (enabled: boolean) => {
    const problem = await run(async () => {
      setError(null);
      setAsked(enabled);
      try {
        return await onToggle(enabled);
      } finally {
        setAsked(null);
      }
    });
    if (problem !== undefined) setError(problem);
  };

  return (
    <div className="settings-switch">
      <label className="checkbox">
        <input type="checkbox" role="switch" checked={asked ?? checked} aria-busy={pending} onChange={(e) => void toggle(e.target.checked)} />
        {label}
      </label>
      <InlineError message={error} />
    </div>
  );
}
