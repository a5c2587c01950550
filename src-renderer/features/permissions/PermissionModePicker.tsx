import { useId } from 'react';
import { permissionModes, type EffectiveMode, type PermissionMode, type TaskRole } from '../../../src-shared/contract';
import { InlineError } from '../../ui/InlineError';
import { modeLabel } from './permission-text';
import type { PermissionModeControl } from './use-permission-mode';
import './permissions.css';

/**
 * The task's permission mode in the composer: the mode in force and where it comes from, a
 * picker (Shift+Tab in the message box cycles it), and the one-time confirmation of full auto
 * where commands cannot be sandboxed.
 */
export function PermissionModePicker({ control, mode, permissionMode, role }: { control: PermissionModeControl; mode: EffectiveMode; permissionMode: PermissionMode | null; role: TaskRole }) {
  const selectId = useId();
  const hintId = useId();
  const { confirming, action } = control;
  return (
    <div className="mode-picker">
      <label htmlFor={selectId} className="visually-hidden">
        Permission mode
      </label>
      <select
        id={selectId}
        className={`input mode-picker__select mode-picker__select--${mode.mode}`}
        value={permissionMode ?? ''}
        disabled={role === 'plan' || action.pending}
        aria-describedby={hintId}
        onChange={(event) => void control.set(event.target.value === '' ? null : (event.target.value as PermissionMode))}
      >
        <option value="">{permissionMode === null ? `${modeLabel(mode.mode)} (${mode.from})` : 'Default of the project or role'}</option>
        {permissionModes.map((option) => (
          <option key={option} value={option}>
            {modeLabel(option)}
          </option>
        ))}
      </select>
      <span id={hintId} className="visually-hidden">
        Shift+Tab in the message box switches the mode.
      </span>
      {confirming && (
        <div role="alertdialog" aria-label="Full auto without a sandbox" className="mode-picker__confirm">
          <p>
            {confirming.limitation}. In full auto, commands would run with your full access to this machine. Use full auto anyway for this project?
          </p>
          <div className="approval-card__buttons">
            <button type="button" className="button button--danger" onClick={() => void control.confirm()} disabled={action.pending} autoFocus>
              Use full auto without a sandbox
            </button>
            <button type="button" className="button" onClick={control.cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <InlineError message={action.error} />
    </div>
  );
}
