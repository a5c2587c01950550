import { useState } from 'react';
import { Modal } from '../../ui/Modal';
import { AgentsPanel } from './agents/AgentsPanel';
import { McpPanel } from './mcp/McpPanel';
import { ModelsPanel } from './models/ModelsPanel';
import { PermissionsPanel } from './permissions/PermissionsPanel';
import { SettingsTabs, type SettingsTab } from './SettingsTabs';

export interface SettingsDialogProps {
  open: boolean;
  onClose(): void;
  /** The project whose `.mcp.json` servers (MCP servers), rules and settings files (Permissions) and subagents (Agents) to show. */
  projectId?: string;
}

type SettingsSection = 'models' | 'mcp' | 'permissions' | 'agents';

const sections: readonly SettingsTab<SettingsSection>[] = [
  { id: 'models', label: 'Models' },
  { id: 'mcp', label: 'MCP servers' },
  { id: 'permissions', label: 'Permissions' },
  { id: 'agents', label: 'Agents' },
];

/** Settings: providers and default models, the user's MCP servers, permissions, and how many agents run at once. */
export function SettingsDialog({ open, onClose, projectId }: SettingsDialogProps) {
  if (!open) return null;
  return <OpenSettingsDialog onClose={onClose} projectId={projectId} />;
}

function OpenSettingsDialog({ onClose, projectId }: Omit<SettingsDialogProps, 'open'>) {
  const [section, setSection] = useState<SettingsSection>('models');
  return (
    <Modal title="Settings" onClose={onClose} className="modal--settings">
      <SettingsTabs<SettingsSection> label="Settings sections" tabs={sections} selected={section} onSelect={setSection}>
        {section === 'models' && <ModelsPanel />}
        {section === 'mcp' && <McpPanel projectId={projectId} />}
        {section === 'permissions' && <PermissionsPanel projectId={projectId} />}
        {section === 'agents' && <AgentsPanel projectId={projectId} />}
      </SettingsTabs>
      <div className="modal__actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
