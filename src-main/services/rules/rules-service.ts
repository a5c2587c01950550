import { fail, ok, type DiscoveredRule, type GivenRule, type Result, type Task, type TaskRules, type TimelineEvent, type TimelineEventBody } from '../../../src-shared/contract';
import { ruleBudget, fitToBudget } from './rule-budget';
import { discoverRules } from './rule-discovery';
import { expandImports } from './rule-imports';
import { listNestedRuleFiles } from './nested-rules';
import { readConfinedText } from '../markdown/confined-text';
import type { RulePlaces } from './rule-document';
import { rulesHistory, sameRules } from './rules-record';
import { rulesSystemSection } from './rules-prompt';
import { RulesSession } from './rules-session';

export interface RulesServiceDeps {
  settings: { get<T>(key: string): T | undefined; set(key: string, value: unknown): void };
  tasks: { get(taskId: string): Task | undefined };
  projects: { get(projectId: string): { path: string } | undefined };
  /** The task's whole timeline, flushed first. */
  timeline(taskId: string): readonly TimelineEvent[];
  home: string;
}

/** What a run gets from the rules: its system prompt's section, what to record, and its path rules. */
export interface RunRules {
  /** The rules section of the system prompt; null when there are no rules. */
  section: string | null;
  /** The `rules_loaded` event of this run's start; null when the rules are the last run's. */
  record: TimelineEventBody | null;
  session: RulesSession;
}

export type RulesService = ReturnType<typeof createRulesService>;

const personalKey = 'rules.personal';

/**
 * Rules (C2): the personal rules in Braid's settings, and the rules files of the user and the
 * project (Claude Code's, Cursor's, AGENTS.md), given to each run in its system prompt or when
 * the agent first touches a path they cover, within a budget, and recorded in the timeline.
 */
export function createRulesService(deps: RulesServiceDeps) {
  const personal = (): string => deps.settings.get<string>(personalKey) ?? '';

  const placesFor = (task: Task): RulePlaces => ({
    worktree: task.workspace.path,
    projectRoot: deps.projects.get(task.projectId)?.path ?? task.workspace.path,
    home: deps.home,
    personal: personal(),
  });

  return {
    personal,

    setPersonal(text: string): Result<{ text: string }> {
      const trimmed = text.trim();
      deps.settings.set(personalKey, trimmed);
      return ok({ text: trimmed });
    },

    /** Read at every run's start: the files may have changed since the last one. */
    async forRun(task: Task, events: readonly TimelineEvent[]): Promise<RunRules> {
      const discovery = await discoverRules(placesFor(task));
      const always = discovery.documents.filter((document) => document.activation === 'always');
      const expanded = await expandImports(always);
      const fitted = fitToBudget(expanded.documents);
      const requested = discovery.documents.filter((document) => document.activation === 'requested');
      const pathRules = discovery.documents.filter((document) => document.activation === 'path');
      const rules: GivenRule[] = [
        ...fitted.rules.map((rule) => rule.given),
        ...requested.map((document) => ({ file: document.file, scope: document.scope, activation: document.activation, chars: document.description?.length ?? 0, originalChars: document.body.length, importedBy: null })),
      ];
      const warnings = [...discovery.problems, ...expanded.warnings, ...fitted.warnings];
      const history = rulesHistory(events);
      const unchanged = history.lastRun === null ? rules.length === 0 && warnings.length === 0 : sameRules(history.lastRun.rules, rules) && sameWarnings(history.lastRun.warnings, warnings);
      const seen = new Set(fitted.rules.flatMap((rule) => (rule.document.realPath ? [rule.document.realPath] : [])));
      return {
        section: rulesSystemSection(fitted.rules, requested, pathRules.length > 0),
        record: unchanged ? null : { kind: 'rules_loaded', trigger: 'run', path: null, rules, warnings, text: null },
        session: new RulesSession(task.workspace.path, pathRules, history.inContext, seen),
      };
    },

    /** `/rules` and the rules panel: what the task was given, and the rules files its worktree holds now. */
    async forTask(taskId: string): Promise<Result<TaskRules>> {
      const task = deps.tasks.get(taskId);
      if (!task) return fail('NOT_FOUND', 'That task does not exist any more.');
      const given = rulesHistory(deps.timeline(taskId)).entries;
      if (task.workspace.state !== 'ready') return ok({ given, discovered: [], problems: [`The task's workspace is ${task.workspace.state}: its rules files cannot be read now.`], budget: { ...ruleBudget } });
      const discovery = await discoverRules(placesFor(task));
      const discovered: DiscoveredRule[] = discovery.documents.map((document) => ({
        file: document.file,
        scope: document.scope,
        activation: document.activation,
        chars: document.body.trim().length,
        globs: document.globs,
        description: document.description,
      }));
      for (const file of await listNestedRuleFiles(task.workspace.path)) {
        const read = await readConfinedText(task.workspace.path, file, file);
        if (read.ok) discovered.push({ file, scope: 'project', activation: 'nested', chars: read.text.trim().length, globs: [], description: null });
      }
      return ok({ given, discovered, problems: discovery.problems, budget: { ...ruleBudget } });
    },
  };
}

function sameWarnings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((warning, index) => warning === b[index]);
}
