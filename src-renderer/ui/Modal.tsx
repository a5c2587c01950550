import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** `alertdialog` for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog';
  className?: string;
}

/**
 * A native modal `<dialog>`: the browser traps focus, makes the page behind inert, closes on
 * Escape and gives focus back on close. Mounted means open. The element marked
 * `data-autofocus` gets focus when it opens.
 */
export function Modal({ title, onClose, children, role = 'dialog', className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // The browser may close it (Escape); tell the owner so its state follows. A close event
    // queued by an earlier unmount (StrictMode re-mounts in development) finds it open: ignore.
    const handleClose = () => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} role={role} aria-modal="true" aria-labelledby={titleId} className={['modal', className].filter(Boolean).join(' ')}>
      <h2 id={titleId} className="modal__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
