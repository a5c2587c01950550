import { useState } from 'react';
import { Modal } from '../../ui/Modal';
import { AgentsPanel } from './agents/AgentsPanel';
import { McpPanel } from './mcp/McpPanel';
import { ModelsPanel } from './models/ModelsPanel';
import { PermissionsPanel } from './permissions/PermissionsPanel';
import { EditorSettingsPanel } from '../editors';
import { PipelineGatesPanel } from './review/PipelineGatesPanel';
import { ReviewGatePanel } from './review/ReviewGatePanel';
import { PersonalRulesPanel } from './rules/PersonalRulesPanel';
import { SettingsTabs, type SettingsTab } from './SettingsTabs';
import type { SettingsSection } from './settings-store';

export interface SettingsDialogProps {
  open: boolean;
  onClose(): void;
  /** The project whose `.mcp.json` servers (MCP servers), rules and settings files (Permissions), review gate (Review) and subagents (Agents) to show. */
  projectId?: string;
  /** The section it opens at. */
  section?: SettingsSection;
}

const sections: readonly SettingsTab<SettingsSection>[] = [
  { id: 'models', label: 'Models' },
  { id: 'mcp', label: 'MCP servers' },
  { id: 'permissions', label: 'Permissions' },
  { id: 'review', label: 'Review' },
  { id: 'rules', label: 'Rules' },
  { id: 'agents', label: 'Agents' },
  { id: 'editor', label: 'Editor' },
];

/** Settings: providers and default models, the user's MCP servers, permissions, personal rules, the project's review gate, how many agents run at once, the editor. */
export function SettingsDialog({ open, onClose, projectId, section }: SettingsDialogProps) {
  if (!open) return null;
  return <OpenSettingsDialog onClose={onClose} projectId={projectId} initialSection={section ?? 'models'} />;
}

function OpenSettingsDialog({ onClose, projectId, initialSection }: Omit<SettingsDialogProps, 'open' | 'section'> & { initialSection: SettingsSection }) {
  const [section, setSection] = useState<SettingsSection>(initialSection);
  return (
    <Modal title="Settings" onClose={onClose} className="modal--settings">
      <SettingsTabs<SettingsSection> label="Settings sections" tabs={sections} selected={section} onSelect={setSection}>
        {section === 'models' && <ModelsPanel />}
        {section === 'mcp' && <McpPanel projectId={projectId} />}
        {section === 'permissions' && <PermissionsPanel projectId={projectId} />}
        {section === 'review' && (
          <>
            <ReviewGatePanel projectId={projectId} />
            {projectId && <PipelineGatesPanel key={projectId} projectId={projectId} />}
          </>
        )}
        {section === 'rules' && <PersonalRulesPanel />}
        {section === 'agents' && <AgentsPanel projectId={projectId} />}
        {section === 'editor' && <EditorSettingsPanel />}
      </SettingsTabs>
      <div className="modal__actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
