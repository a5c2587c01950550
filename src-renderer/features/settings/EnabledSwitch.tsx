import { useState } from 'react';
import type { Result } from '../../../src-shared/contract';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';

interface EnabledSwitchProps {
  checked: boolean;
  label?: string;
  /** Asks the host; a refusal moves the switch back and shows why. */
  onToggle(enabled: boolean): Promise<Result<unknown>>;
}

/** An on/off switch: it moves at once, and moves back with the host's reason if the host refuses. */
export function EnabledSwitch({ checked, label = 'Enabled', onToggle }: EnabledSwitchProps) {
  const [asked, setAsked] = useState<boolean | null>(null);
  const { pending, error, run } = useHostAction();

  const toggle = (enabled: boolean) =>
    run(async () => {
      setAsked(enabled);
      try {
        return await onToggle(enabled);
      } finally {
        setAsked(null);
      }
    });

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
