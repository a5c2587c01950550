import { z } from 'zod';
import { permissionModeSchema, roleModeDefaultsSchema, ruleListsSchema, ruleSourceIdSchema, sandboxSettingsSchema, type PermissionMode, type RuleLists, type RuleSourceId, type SandboxSettings, type TaskRole } from '../../../src-shared/contract';

/** The slice of the settings table this needs (JSON values by key). */
export interface SettingsAccess {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

const appSchema = z.object({ rules: ruleListsSchema, roleModes: roleModeDefaultsSchema });
const projectSchema = z.object({
  rules: ruleListsSchema,
  defaultMode: permissionModeSchema.nullable(),
  sandbox: sandboxSettingsSchema,
  unsandboxedFullAutoConfirmed: z.boolean(),
  /** Content hashes of the repository's settings files the user trusted. */
  trusted: z.partialRecord(ruleSourceIdSchema, z.string()),
});

export type AppPermissions = z.infer<typeof appSchema>;
export type ProjectPermissions = z.infer<typeof projectSchema>;

const emptyRules = (): RuleLists => ({ allow: [], ask: [], deny: [] });
const defaultApp = (): AppPermissions => ({ rules: emptyRules(), roleModes: { plan: 'plan', implement: 'acceptEdits', review: null } });
const defaultProject = (): ProjectPermissions => ({ rules: emptyRules(), defaultMode: null, sandbox: { always: false, network: false }, unsandboxedFullAutoConfirmed: false, trusted: {} });

const appKey = 'permissions.app';
const projectKey = (projectId: string) => `project:${projectId}:permissions`;

/**
 * Braid's own permission settings: rules for every project and per role modes (`permissions.app`),
 * and per project its rules (where "Always allow in this project" saves), default mode,
 * sandbox switches, the one-time confirmation of full auto without a sandbox, and the content
 * hashes of the repository's settings files the user trusted (`project:<id>:permissions`).
 * A stored value that no longer parses reads as the defaults.
 */
export class PermissionSettings {
  constructor(private readonly settings: SettingsAccess) {}

  app(): AppPermissions {
    const parsed = appSchema.safeParse(this.settings.get(appKey));
    return parsed.success ? parsed.data : defaultApp();
  }

  project(projectId: string): ProjectPermissions {
    const parsed = projectSchema.safeParse(this.settings.get(projectKey(projectId)));
    return parsed.success ? parsed.data : defaultProject();
  }

  setAppRules(rules: RuleLists): void {
    this.settings.set(appKey, { ...this.app(), rules });
  }

  setRoleMode(role: TaskRole, mode: PermissionMode | null): void {
    const app = this.app();
    this.settings.set(appKey, { ...app, roleModes: { ...app.roleModes, [role]: mode } });
  }

  updateProject(projectId: string, change: Partial<ProjectPermissions>): ProjectPermissions {
    const next = { ...this.project(projectId), ...change };
    this.settings.set(projectKey(projectId), next);
    return next;
  }

  /** Adds one rule to the project's list of `kind` (once). */
  addProjectRule(projectId: string, kind: keyof RuleLists, rule: string): void {
    const project = this.project(projectId);
    if (project.rules[kind].includes(rule)) return;
    this.updateProject(projectId, { rules: { ...project.rules, [kind]: [...project.rules[kind], rule] } });
  }

  trust(projectId: string, source: RuleSourceId, contentHash: string): void {
    const project = this.project(projectId);
    this.updateProject(projectId, { trusted: { ...project.trusted, [source]: contentHash } });
  }

  setSandbox(projectId: string, sandbox: SandboxSettings): void {
    this.updateProject(projectId, { sandbox });
  }

  forgetProject(projectId: string): void {
    this.settings.delete(projectKey(projectId));
  }
}
