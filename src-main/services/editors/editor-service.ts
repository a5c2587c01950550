import { fail, ok, type Editor, type EditorsOverview, type Result } from '../../../src-shared/contract';
import type { SettingsStore } from '../store/setting-repository';
import { parseCustomEditorCommand, withWorkspacePath } from './custom-editor-command';
import { knownEditors } from './editor-catalog';
import { findOnPath } from '../processes/find-on-path';
import { launchEditor } from './launch-editor';

const preferredKey = 'editors.preferred';
const customKey = 'editors.customCommand';
const customId = 'custom';

export interface EditorServiceOptions {
  /** A task's worktree folder, or why it cannot be opened (gone, not ready). */
  worktreeOf(taskId: string): Result<string>;
  settings: SettingsStore;
  /** Where programs are looked up and what they inherit (default: the host's environment). */
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

export type EditorService = ReturnType<typeof createEditorService>;

/**
 * "Open in editor" (U3): which editors are on PATH (looked up on every list, so one installed
 * while Braid runs shows up), the user's choice and own command, and opening a task's worktree.
 */
export function createEditorService(options: EditorServiceOptions) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;

  const custom = (): { editor: Editor; argv: { program: string; args: string[] } | null } | null => {
    const command = options.settings.get<string>(customKey);
    if (typeof command !== 'string' || !command) return null;
    const parsed = parseCustomEditorCommand(command);
    if (!parsed.ok) return { editor: { id: customId, name: `Custom: ${command}`, kind: 'custom', program: null, available: false, hint: parsed.problem }, argv: null };
    const program = findOnPath(parsed.program, env, platform);
    return {
      editor: { id: customId, name: `Custom: ${command}`, kind: 'custom', program, available: program !== null, hint: program ? null : `${parsed.program} is not on PATH.` },
      argv: program ? { program, args: parsed.args } : null,
    };
  };

  const overview = (): EditorsOverview => {
    const editors: Editor[] = knownEditors(platform).map((known) => {
      const program = known.programs.map((name) => findOnPath(name, env, platform)).find((found) => found !== null) ?? null;
      return { id: known.id, name: known.name, kind: known.kind, program, available: program !== null, hint: program ? null : known.install };
    });
    const own = custom();
    if (own) editors.unshift(own.editor);
    const preferred = options.settings.get<string>(preferredKey);
    return { editors, preferredId: typeof preferred === 'string' && editors.some((e) => e.id === preferred) ? preferred : null, customCommand: options.settings.get<string>(customKey) ?? null };
  };

  return {
    list: overview,

    configure(change: { preferredId?: string | null; customCommand?: string | null }): Result<EditorsOverview> {
      if (change.customCommand !== undefined) {
        if (change.customCommand === null || change.customCommand === '') options.settings.delete(customKey);
        else {
          const parsed = parseCustomEditorCommand(change.customCommand);
          if (!parsed.ok) return fail('INVALID_INPUT', parsed.problem, { issues: [{ path: ['customCommand'], message: parsed.problem }] });
          options.settings.set(customKey, change.customCommand.trim());
        }
      }
      if (change.preferredId !== undefined) {
        if (change.preferredId === null) options.settings.delete(preferredKey);
        else {
          if (!overview().editors.some((editor) => editor.id === change.preferredId)) return fail('NOT_FOUND', `There is no editor "${change.preferredId}".`);
          options.settings.set(preferredKey, change.preferredId);
        }
      }
      return ok(overview());
    },

    async open(taskId: string, editorId?: string): Promise<Result<{ opened: string }>> {
      const worktree = options.worktreeOf(taskId);
      if (!worktree.ok) return worktree;
      const { editors, preferredId } = overview();
      const wanted = editorId ?? preferredId;
      const editor = wanted ? editors.find((e) => e.id === wanted) : editors.find((e) => e.available && e.kind !== 'file-manager') ?? editors.find((e) => e.available);
      if (!editor) {
        return wanted
          ? fail('NOT_FOUND', `There is no editor "${wanted}".`)
          : fail('EDITOR_NOT_AVAILABLE', 'No editor was found on PATH. Install one (VS Code, Cursor, Zed, a JetBrains IDE) or set your own command in Settings → Editor.');
      }
      if (!editor.available || !editor.program) return fail('EDITOR_NOT_AVAILABLE', `${editor.name} is not available: ${editor.hint ?? 'not found on PATH'}`, { editorId: editor.id });
      const folder = worktree.data;
      const args =
        editor.kind === 'custom'
          ? withWorkspacePath(custom()?.argv?.args ?? [], folder)
          : [...(knownEditors(platform).find((known) => known.id === editor.id)?.args ?? []), folder];
      const launched = await launchEditor(editor.program, args, folder, env);
      if (!launched.ok) return launched;
      return ok({ opened: editor.name });
    },
  };
}
