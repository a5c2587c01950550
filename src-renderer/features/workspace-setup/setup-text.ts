import type { IncludeLinkMode, WorkspaceConfigKind, WorkspaceConfigSource, WorkspaceScriptKind, WorkspaceSetup } from '../../../src-shared/contract';

const toolOf: Record<WorkspaceConfigKind, string> = {
  braid: 'Braid',
  'conductor-toml': 'Conductor',
  'conductor-json': 'Conductor',
  superset: 'Superset',
  cursor: 'Cursor',
  emdash: 'Emdash',
};

/** "conductor.json (Conductor)": which file the scripts came from, and whose format it is. */
export function sourceText(source: WorkspaceConfigSource): string {
  return `${source.files.join(' + ')} (${toolOf[source.kind]})`;
}

export const scriptWords: Record<WorkspaceScriptKind, string> = { setup: 'Setup', run: 'Run', archive: 'Archive' };

export const linkModeWords: Record<IncludeLinkMode, string> = { copy: 'Copy', hardlink: 'Hard-link', symlink: 'Symlink' };

/** The one line the task view says about its setup, once it settled. */
export function settledSetupText(setup: WorkspaceSetup): string | null {
  const from = setup.source ? ` from ${sourceText(setup.source)}` : '';
  const files = setup.files && setup.files.copied > 0 ? `; ${setup.files.copied} ignored ${setup.files.copied === 1 ? 'entry' : 'entries'} brought over` : '';
  switch (setup.state) {
    case 'succeeded':
      return `Set up${from}${files}`;
    case 'none':
      return setup.source || files ? `No setup script${from}${files}` : null;
    case 'skipped':
      return `Setup skipped${from}; the agent started without it`;
    default:
      return null;
  }
}

/** "20000–20009": the workspace's port block. */
export function portBlockText(portBase: number): string {
  return `${portBase}–${portBase + 9}`;
}
