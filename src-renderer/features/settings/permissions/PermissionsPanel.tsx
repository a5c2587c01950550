import { useEffect, useState } from 'react';
import { permissionModes, type PermissionMode, type PermissionsOverview, type Result, type TaskRole } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { modeLabel } from '../../permissions/permission-text';
import { EnabledSwitch } from '../EnabledSwitch';
import { RuleListsEditor } from './RuleListsEditor';
import { RuleSourceCard } from './RuleSourceCard';
import { TryCommand } from './TryCommand';
import '../../permissions/permissions.css';

/**
 * Settings → Permissions: default modes (per role, and the project's), the sandbox, a "try a
 * command" box, every rule source in the order it is consulted (Braid's own rules editable,
 * files with their trust), and what is denied in every mode.
 */
export function PermissionsPanel({ projectId }: { projectId?: string }) {
  const api = useBridge();
  const [overview, setOverview] = useState<PermissionsOverview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api.invoke('permissions.overview', projectId ? { projectId } : {}).then((result) => {
      if (!current) return;
      if (result.ok) setOverview(result.data);
      else setLoadError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, projectId]);

  /** Every change answers with the new overview: shown at once. */
  const apply = async <T extends PermissionsOverview>(call: Promise<Result<T>>): Promise<Result<T>> => {
    const result = await call;
    if (result.ok) setOverview(result.data);
    return result;
  };

  if (!overview) return loadError ? <InlineError message={loadError} /> : <p className="muted">Loading…</p>;
  const { project } = overview;
  return (
    <div className="settings-section permissions-panel">
      <section aria-label="Default modes" className="permissions-defaults">
        <h3 className="settings-section__title">Default modes</h3>
        <p className="muted">A task’s own mode (picked in its composer, Shift+Tab) wins; then the project’s default, then the role’s; planning tasks are always read-only.</p>
        {(['implement', 'review'] as const).map((role) => (
          <ModeSelect
            key={role}
            label={`Default mode of ${role} tasks`}
            value={overview.roleDefaults[role]}
            emptyLabel="Ask (Braid’s default)"
            onChange={(mode) => apply(api.invoke('permissions.setRoleDefault', { role: role as TaskRole, mode }))}
          />
        ))}
        {project && (
          <>
            <ModeSelect
              label="Default mode in this project"
              value={project.defaultMode}
              emptyLabel="The role’s default"
              onChange={(mode) => apply(api.invoke('permissions.setProjectDefaults', { projectId: project.projectId, defaultMode: mode }))}
            />
            <p className="muted">
              {overview.sandbox.available
                ? `Sandbox: ${overview.sandbox.kind}. In full auto every command runs in it: the file system read-only but the task’s workspace and a private /tmp${project.sandbox.network ? '' : ', no network'}.`
                : `No sandbox here: ${overview.sandbox.limitation}.${project.unsandboxedFullAutoConfirmed ? ' You confirmed full auto without a sandbox for this project.' : ' Full auto asks you to confirm once per project.'}`}
            </p>
            <EnabledSwitch
              label="Sandbox every command of this project (not only in full auto)"
              checked={project.sandbox.always}
              onToggle={(always) => apply(api.invoke('permissions.setProjectDefaults', { projectId: project.projectId, sandbox: { ...project.sandbox, always } }))}
            />
            <EnabledSwitch
              label="Sandboxed commands may use the network"
              checked={project.sandbox.network}
              onToggle={(network) => apply(api.invoke('permissions.setProjectDefaults', { projectId: project.projectId, sandbox: { ...project.sandbox, network } }))}
            />
          </>
        )}
      </section>

      {project && <TryCommand projectId={project.projectId} />}

      <section aria-label="Rules by source" className="permissions-sources">
        <h3 className="settings-section__title">Rules</h3>
        <p className="muted">Deny rules are checked first, then ask, then allow; the first match decides. Anything unmatched follows the mode.</p>
        {overview.sources.map((source) =>
          source.id === 'app' ? (
            <RuleListsEditor key={source.id} title={source.label} rules={source.rules} save={(rules) => apply(api.invoke('permissions.saveRules', { scope: 'app', rules }))} />
          ) : source.id === 'project' && project ? (
            <RuleListsEditor
              key={source.id}
              title={source.label}
              rules={source.rules}
              save={(rules) => apply(api.invoke('permissions.saveRules', { scope: 'project', projectId: project.projectId, rules }))}
            />
          ) : (
            <RuleSourceCard
              key={source.id}
              source={source}
              trust={
                project && source.contentHash
                  ? () => apply(api.invoke('permissions.trustFile', { projectId: project.projectId, source: source.id, contentHash: source.contentHash! }))
                  : undefined
              }
            />
          ),
        )}
        {!project && <p className="muted">Open a project to see its own rules and its repository’s settings files.</p>}
      </section>

      <section aria-label="Always denied" className="permissions-hard-deny">
        <h3 className="settings-section__title">Always denied, in every mode</h3>
        <ul>
          {overview.hardDeny.map((rule) => (
            <li key={rule.id}>{rule.description}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function ModeSelect({ label, value, emptyLabel, onChange }: { label: string; value: PermissionMode | null; emptyLabel: string; onChange(mode: PermissionMode | null): Promise<Result<unknown>> }) {
  const { pending, error, run } = useHostAction();
  return (
    <div className="field">
      <label className="field__label">
        {label}
        <select className="input mode-picker__select" value={value ?? ''} disabled={pending} onChange={(e) => void run(() => onChange(e.target.value === '' ? null : (e.target.value as PermissionMode)))}>
          <option value="">{emptyLabel}</option>
          {permissionModes
            .filter((mode) => mode !== 'plan')
            .map((mode) => (
              <option key={mode} value={mode}>
                {modeLabel(mode)}
              </option>
            ))}
        </select>
      </label>
      <InlineError message={error} />
    </div>
  );
}
