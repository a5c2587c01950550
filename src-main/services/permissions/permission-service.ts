import { realpathSync } from 'node:fs';
import {
  fail,
  ok,
  ruleKinds,
  type EffectiveMode,
  type PermissionExplanation,
  type PermissionMode,
  type PermissionsOverview,
  type Result,
  type RuleLists,
  type RuleSourceId,
  type SandboxInfo,
  type SandboxSettings,
  type Task,
  type TaskRole,
  type ValidationIssue,
} from '../../../src-shared/contract';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import { worktreeConfinement } from '../sandbox/worktree-confinement';
import { evaluate, type RuleEntry, type Verdict } from './evaluate';
import { hardDenyRules } from './hard-deny';
import { PermissionSettings, type SettingsAccess } from './permission-settings';
import { parseRule } from './rule-grammar';
import { loadRuleSources, ruleFiles, type LoadedSources } from './rule-sources';

export interface PermissionServiceOptions {
  settings: SettingsAccess;
  projects: { get(projectId: string): { path: string } | undefined };
  tasks: { get(taskId: string): Task | undefined; setPermissionMode(taskId: string, mode: PermissionMode | null): void };
  isolation: Promise<CommandIsolation>;
  home: string;
  /** Re-reads the task and pushes `tasks.changed` (its mode changed). */
  notifyTaskChanged(taskId: string): void;
}

/** One call to decide: the task it belongs to and, for one turn, a slash command's allowed tools. */
export interface CallToDecide {
  task: Task;
  tool: string;
  args: unknown;
  turnAllowRules?: readonly string[];
}

export type PermissionService = ReturnType<typeof createPermissionService>;

/**
 * The permission engine as the host uses it: the mode in force per task, every call decided by
 * the rules (`evaluate.ts`) read fresh from their sources, "Always allow in this project", the
 * sandbox a task's commands run in, and Settings → Permissions (rules by source, trust, defaults,
 * "try a command").
 */
export function createPermissionService(options: PermissionServiceOptions) {
  const settings = new PermissionSettings(options.settings);
  /** The last `defaultMode` read from each project's trusted files, for the badge (decisions read the files fresh). */
  const fileModes = new Map<string, LoadedSources['fileMode']>();
  let isolation: CommandIsolation | null = null;
  void options.isolation.then((resolved) => (isolation = resolved));

  const sandboxInfo = (found: CommandIsolation | null): SandboxInfo => {
    if (!found) return { available: false, kind: 'none', limitation: 'commands are still being set up' };
    return { available: found.sandbox.limitation === null, kind: found.sandbox.limitation === null ? found.sandbox.kind : 'none', limitation: found.sandbox.limitation };
  };

  const load = async (projectId: string | null, turn?: readonly string[]): Promise<LoadedSources> => {
    const project = projectId ? settings.project(projectId) : null;
    const root = projectId ? (options.projects.get(projectId)?.path ?? null) : null;
    const loaded = await loadRuleSources({ projectRoot: root, home: options.home, app: settings.app().rules, project: project?.rules ?? null, trusted: project?.trusted ?? {}, turn });
    if (projectId) fileModes.set(projectId, loaded.fileMode);
    return loaded;
  };

  const effectiveMode = (task: Task): EffectiveMode => {
    if (task.agent.permissionMode) return { mode: task.agent.permissionMode, origin: 'task', from: 'this task' };
    if (task.role === 'plan') return { mode: 'plan', origin: 'role', from: 'planning tasks are read-only' };
    const project = settings.project(task.projectId);
    if (project.defaultMode) return { mode: project.defaultMode, origin: 'project', from: 'the project’s default' };
    const roleMode = settings.app().roleModes[task.role];
    if (roleMode) return { mode: roleMode, origin: 'role', from: `the ${task.role} role’s default` };
    const fileMode = fileModes.get(task.projectId);
    if (fileMode) return { mode: fileMode.mode, origin: 'file', from: fileMode.from };
    return { mode: 'ask', origin: 'built-in', from: 'Braid’s default' };
  };

  /** A review task's commands are always sandboxed where the machine can: its worktree is read-only there. */
  const sandboxed = (projectId: string, mode: PermissionMode, role: TaskRole | null = null): boolean =>
    (mode === 'fullAuto' || role === 'review' || settings.project(projectId).sandbox.always) && isolation !== null && isolation.sandbox.limitation === null;

  const decide = async ({ task, tool, args, turnAllowRules }: CallToDecide): Promise<Verdict & { mode: EffectiveMode; sandboxed: boolean }> => {
    const loaded = await load(task.projectId, turnAllowRules);
    const mode = effectiveMode(task);
    const inSandbox = sandboxed(task.projectId, mode.mode, task.role);
    const verdict = evaluate({ tool, args, role: task.role, mode: mode.mode, place: placeOf(task.workspace.path, options.home), sandboxed: inSandbox, rules: loaded.entries });
    return { ...verdict, mode, sandboxed: inSandbox };
  };

  /** Refuses full auto where commands cannot be sandboxed until the user confirmed it for the project. */
  const fullAutoAllowed = async (projectId: string): Promise<Result<true>> => {
    const found = await options.isolation;
    if (found.sandbox.limitation === null || settings.project(projectId).unsandboxedFullAutoConfirmed) return ok(true);
    return fail('SANDBOX_UNAVAILABLE', `Commands cannot be sandboxed on this machine: ${found.sandbox.limitation}. In full auto they would run with your full access. Confirm once for this project to use full auto anyway.`, { limitation: found.sandbox.limitation });
  };

  const overview = async (projectId: string | null): Promise<Result<PermissionsOverview>> => {
    if (projectId && !options.projects.get(projectId)) return fail('NOT_FOUND', 'That project does not exist any more.');
    const loaded = await load(projectId);
    const project = projectId ? settings.project(projectId) : null;
    return ok({
      roleDefaults: settings.app().roleModes,
      project: projectId && project ? { projectId, defaultMode: project.defaultMode, sandbox: project.sandbox, unsandboxedFullAutoConfirmed: project.unsandboxedFullAutoConfirmed } : null,
      sources: loaded.views,
      hardDeny: hardDenyRules.map((rule) => ({ id: rule.id, description: rule.description })),
      sandbox: sandboxInfo(await options.isolation),
    });
  };

  return {
    settings,
    effectiveMode,
    /** The task as the UI sees it: the mode in force on its badge. */
    decorate(task: Task): Task {
      return { ...task, agent: { ...task.agent, mode: effectiveMode(task) } };
    },
    decide,
    /** Reads a project's files once so badges show a mode a trusted file brings before its first call. */
    warm: (projectId: string) => load(projectId).then(() => undefined),

    /** The sandbox a task's next command runs in, or null (not full auto and not always sandboxed, or no sandbox here). */
    confinementFor(taskId: string): CommandConfinement | null {
      const task = options.tasks.get(taskId);
      if (!task) return null;
      if (!sandboxed(task.projectId, effectiveMode(task).mode, task.role)) return null;
      // A review works in another task's workspace and never changes it: the worktree is read-only to its commands.
      return worktreeConfinement(task.workspace.path, settings.project(task.projectId).sandbox.network, { readOnly: task.role === 'review' });
    },

    /**
     * The sandbox the project's check command runs in, in a task's workspace: a pipeline runs it
     * on the agent's code without asking anyone, so it is confined wherever the machine can (the
     * worktree writable, a private /tmp, the network as the project allows); null where it cannot.
     */
    checkConfinementFor(taskId: string): CommandConfinement | null {
      const task = options.tasks.get(taskId);
      if (!task || isolation === null || isolation.sandbox.limitation !== null) return null;
      return worktreeConfinement(task.workspace.path, settings.project(task.projectId).sandbox.network);
    },

    async setTaskMode(taskId: string, mode: PermissionMode | null): Promise<Result<{ permissionMode: PermissionMode | null; mode: EffectiveMode }>> {
      const task = options.tasks.get(taskId);
      if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
      if (task.role === 'plan' && mode !== null && mode !== 'plan') return fail('INVALID_INPUT', 'A planning task is read-only; its mode stays plan.');
      if (mode === 'fullAuto') {
        const allowed = await fullAutoAllowed(task.projectId);
        if (!allowed.ok) return allowed;
      }
      options.tasks.setPermissionMode(taskId, mode);
      options.notifyTaskChanged(taskId);
      const updated = options.tasks.get(taskId)!;
      return ok({ permissionMode: mode, mode: effectiveMode(updated) });
    },

    overview,

    async saveRules(scope: 'app' | 'project', projectId: string | null, lists: RuleLists): Promise<Result<PermissionsOverview>> {
      if (scope === 'project' && (!projectId || !options.projects.get(projectId))) return fail('NOT_FOUND', 'That project does not exist any more.');
      const issues: ValidationIssue[] = [];
      const cleaned: RuleLists = { allow: [], ask: [], deny: [] };
      for (const kind of ruleKinds) {
        lists[kind].forEach((text, index) => {
          const parsed = parseRule(text, kind);
          if (!parsed.ok) issues.push({ path: [kind, index], message: parsed.problem });
          else if (!cleaned[kind].includes(text.trim())) cleaned[kind].push(text.trim());
        });
      }
      if (issues.length > 0) return fail('INVALID_INPUT', `${issues.length === 1 ? 'A rule does' : `${issues.length} rules do`} not parse: ${issues.map((issue) => issue.message).join('; ')}`, { issues });
      if (scope === 'app') settings.setAppRules(cleaned);
      else settings.updateProject(projectId!, { rules: cleaned });
      return overview(projectId);
    },

    async setRoleDefault(role: TaskRole, mode: PermissionMode | null): Promise<Result<PermissionsOverview>> {
      if (role === 'plan' && mode !== null && mode !== 'plan') return fail('INVALID_INPUT', 'Planning tasks are read-only; their mode stays plan.');
      settings.setRoleMode(role, mode);
      return overview(null);
    },

    async setProjectDefaults(projectId: string, change: { defaultMode?: PermissionMode | null; sandbox?: SandboxSettings }): Promise<Result<PermissionsOverview>> {
      if (!options.projects.get(projectId)) return fail('NOT_FOUND', 'That project does not exist any more.');
      if (change.defaultMode === 'fullAuto') {
        const allowed = await fullAutoAllowed(projectId);
        if (!allowed.ok) return allowed;
      }
      settings.updateProject(projectId, { ...(change.defaultMode !== undefined ? { defaultMode: change.defaultMode } : {}), ...(change.sandbox ? { sandbox: change.sandbox } : {}) });
      return overview(projectId);
    },

    async trustFile(projectId: string, source: RuleSourceId, contentHash: string): Promise<Result<PermissionsOverview>> {
      if (!options.projects.get(projectId)) return fail('NOT_FOUND', 'That project does not exist any more.');
      if (!ruleFiles.some((file) => file.id === source && file.needsTrust)) return fail('INVALID_INPUT', `${source} is not a repository settings file.`);
      const current = (await load(projectId)).views.find((view) => view.id === source);
      if (!current?.exists || current.contentHash !== contentHash) {
        return fail('FILE_CHANGED', `${current?.label ?? source} changed since it was shown (or is gone); look at it again before trusting it.`);
      }
      settings.trust(projectId, source, contentHash);
      return overview(projectId);
    },

    async confirmUnsandboxed(projectId: string): Promise<Result<PermissionsOverview>> {
      if (!options.projects.get(projectId)) return fail('NOT_FOUND', 'That project does not exist any more.');
      settings.updateProject(projectId, { unsandboxedFullAutoConfirmed: true });
      return overview(projectId);
    },

    /** "Try a command": what a task (or a new task of the project, in `mode`) would be told, and why. */
    async explain(input: { projectId: string; taskId?: string; mode?: PermissionMode; role?: TaskRole; command: string }): Promise<Result<PermissionExplanation>> {
      const root = options.projects.get(input.projectId)?.path;
      if (!root) return fail('NOT_FOUND', 'That project does not exist any more.');
      const task = input.taskId ? options.tasks.get(input.taskId) : undefined;
      if (input.taskId && (!task || task.projectId !== input.projectId)) return fail('NOT_FOUND', 'That task does not exist in this project.');
      const loaded = await load(input.projectId);
      const role = task?.role ?? input.role ?? 'implement';
      const mode: EffectiveMode = input.mode
        ? { mode: input.mode, origin: 'task', from: 'chosen here' }
        : task
          ? effectiveMode(task)
          : effectiveMode({ projectId: input.projectId, role, agent: { permissionMode: null } } as Task);
      const inSandbox = sandboxed(input.projectId, mode.mode, role);
      const verdict = evaluate({ tool: 'run_command', args: { command: input.command }, role, mode: mode.mode, place: placeOf(task?.workspace.path ?? root, options.home), sandboxed: inSandbox, rules: loaded.entries });
      return ok({ ...verdict, mode, sandboxed: inSandbox });
    },

    /**
     * "Always allow in this project": `rule` (as the user edited it) must parse as an allow
     * rule and cover the call; it is saved in the project's Braid settings, never in the
     * user's repository files.
     */
    alwaysAllow(call: CallToDecide, rule: string): Result<{ rule: string }> {
      const text = rule.trim();
      const parsed = parseRule(text, 'allow');
      if (!parsed.ok) return fail('INVALID_INPUT', `The rule does not parse: ${parsed.problem}`, { issues: [{ path: ['rule'], message: parsed.problem }] });
      const entries: RuleEntry[] = [{ kind: 'allow', rule: parsed.rule, source: 'project' }];
      const alone = evaluate({ tool: call.tool, args: call.args, role: call.task.role, mode: 'ask', place: placeOf(call.task.workspace.path, options.home), sandboxed: false, rules: entries });
      if (alone.decision !== 'allow') {
        return fail('INVALID_INPUT', `${text} does not allow this call (${alone.reason}) Edit the rule so it covers the call, or approve once.`, { issues: [{ path: ['rule'], message: `${text} does not cover this call` }] });
      }
      settings.addProjectRule(call.task.projectId, 'allow', text);
      return ok({ rule: text });
    },

    forgetProject(projectId: string): void {
      settings.forgetProject(projectId);
      fileModes.delete(projectId);
    },
  };
}

/** The worktree (real path, as commands see it) and the home folder. */
function placeOf(worktree: string, home: string) {
  let real = worktree;
  try {
    real = realpathSync(worktree);
  } catch {
    // A worktree that is gone: its calls are refused by the tools anyway.
  }
  return { worktree: real, home };
}
