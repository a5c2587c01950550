import type { ReactNode } from 'react';
import { InlineError } from './InlineError';
import { Modal } from './Modal';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  pending?: boolean;
  error?: string | null;
  children: ReactNode;
}

/** Asks before something that cannot be undone; the safe choice (Cancel) has focus. */
export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, pending = false, error = null, children }: ConfirmDialogProps) {
  return (
    <Modal title={title} onClose={onCancel} role="alertdialog">
      <div className="modal__body">{children}</div>
      <InlineError message={error} />
      <div className="modal__actions">
        <button type="button" className="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={pending} aria-busy={pending}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
