/**
 * The Monaco pieces DiffLens uses, loaded on demand (dynamic import) so the first paint of
 * the app does not wait for the editor. Only the diff editor, find, hover and the syntax
 * colourers (each language loads when first used) — no language services, so the only
 * worker is the editor's own, which computes the diffs. It is started from a same-origin
 * file (CSP: worker-src 'self' blob:, script-src 'self').
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/basic-languages/monaco.contribution';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = { getWorker: () => new EditorWorker({ name: 'monaco-editor' }) };

export { monaco };
export type Monaco = typeof monaco;
