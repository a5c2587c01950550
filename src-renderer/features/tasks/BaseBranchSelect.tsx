import { useId } from 'react';
import type { BranchesLoad } from './use-branches';

interface BaseBranchSelectProps {
  load: BranchesLoad;
  value: string | null;
  onChange(branch: string): void;
}

/** The branch a task's new branch is made from; lists the repository's local branches. */
export function BaseBranchSelect({ load, value, onChange }: BaseBranchSelectProps) {
  const id = useId();
  const branches = load.status === 'loaded' ? load.branches.local : [];
  // A current branch that is not in the list (unlikely) must still be selectable as shown.
  const options = value && !branches.includes(value) ? [value, ...branches] : branches;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        Base branch
      </label>
      <select
        id={id}
        className="input mono"
        value={value ?? ''}
        disabled={load.status !== 'loaded'}
        onChange={(e) => onChange(e.target.value)}
      >
        {load.status === 'loading' && <option value="">Loading branches…</option>}
        {load.status === 'failed' && <option value="">Default branch</option>}
        {options.map((branch) => (
          <option key={branch} value={branch}>
            {branch}
          </option>
        ))}
      </select>
      {load.status === 'failed' && <p className="field__hint">Could not list branches ({load.message}); the task will start from the default.</p>}
    </div>
  );
}
