import { useState, type ReactNode } from 'react';

/**
 * A native `<details>` whose content is only rendered while open: results can be long, and
 * a closed card should cost the page nothing.
 */
export function Disclosure({ summary, children, className }: { summary: ReactNode; children: () => ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={['disclosure', className].filter(Boolean).join(' ')} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
