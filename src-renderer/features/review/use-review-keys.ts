import { useEffect, useRef } from 'react';
import { reviewKeyAction, type ReviewKeyAction } from './review-keys';

/** DiffLens keys (J/K files, N/P hunks, C comment) while the view is mounted; never while typing or in a dialog. */
export function useReviewKeys(handle: (action: ReviewKeyAction) => void): void {
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const action = reviewKeyAction(event);
      if (!action) return;
      event.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
