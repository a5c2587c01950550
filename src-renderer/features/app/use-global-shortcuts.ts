import { useEffect } from 'react';
import { hasCommandModifier } from '../../ui/shortcut-label';
import { toggleReview } from '../review/review-navigation';
import { useSelectionStore } from '../selection/selection-store';
import { useAppStore } from './app-store';

/** Any open modal (including a feature's own confirmation) owns the keyboard. */
function modalOpen(): boolean {
  return useAppStore.getState().dialog !== null || document.querySelector('dialog[open]') !== null;
}

/** Opens the new-task dialog for the selected project. */
export function openNewTaskDialog(): boolean {
  const { selectedProjectId } = useSelectionStore.getState();
  if (modalOpen() || selectedProjectId === null) return false;
  useAppStore.getState().openDialog({ kind: 'newTask', projectId: selectedProjectId });
  return true;
}

/** Opens the new-pipeline dialog for the selected project. */
export function openNewPipelineDialog(): boolean {
  const { selectedProjectId } = useSelectionStore.getState();
  if (modalOpen() || selectedProjectId === null) return false;
  useAppStore.getState().openDialog({ kind: 'newPipeline', projectId: selectedProjectId });
  return true;
}

/**
 * Ctrl/Cmd+N: new task. Browsers keep Ctrl+N for a new window in a normal tab, so Alt+N
 * does the same for web mode. Alt+R opens DiffLens for the selected project (or closes it).
 */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.code === 'KeyR' && event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        if (!modalOpen() && toggleReview()) event.preventDefault();
        return;
      }
      if (event.key.toLowerCase() !== 'n' || event.shiftKey) return;
      const command = hasCommandModifier(event) && !event.altKey;
      const alternative = event.altKey && !event.ctrlKey && !event.metaKey;
      if (!command && !alternative) return;
      if (openNewTaskDialog()) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
