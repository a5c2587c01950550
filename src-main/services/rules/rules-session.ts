import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { TimelineEventBody } from '../../../src-shared/contract';
import { pathMatcher } from '../paths/path-matcher';
import { resolveInsideWorkspace } from '../paths/confine-path';
import { fitToBudget } from './rule-budget';
import type { RuleDocument } from './rule-document';
import { expandImports } from './rule-imports';
import { nearestNestedRules } from './nested-rules';
import { pathRulesMessage } from './rules-prompt';

/** The tools whose `path` the agent reads or edits: a file, or a folder it lists. */
const fileTools = new Set(['read_file', 'write_file', 'edit_file']);
const folderTools = new Set(['list_dir']);

/**
 * The path rules of one run: the first time the agent reads or edits a path, the nested
 * `AGENTS.md` / `CLAUDE.md` nearest above it and the path rules whose globs match it are given
 * (once each while the model still sees them), as a `rules_loaded` event the conversation turns
 * into a message after the call's result.
 */
export class RulesSession {
  private readonly nestedCache = new Map<string, RuleDocument[]>();
  private readonly matchers: { document: RuleDocument; matches: (path: string) => boolean }[];

  constructor(
    private readonly worktree: string,
    pathRules: readonly RuleDocument[],
    /** Files the model already sees (from earlier in the conversation); grows as paths bring more. */
    private readonly given: Set<string>,
    /** Real paths of the files given at the run's start, so a path rule importing one does not repeat it. */
    private readonly seen: Set<string>,
  ) {
    this.matchers = pathRules.map((document) => {
      const globs = document.globs.map(pathMatcher);
      return { document, matches: (path: string) => globs.some((glob) => glob(path)) };
    });
  }

  /** After a call that succeeded: the rules its path brings, or null when there are none new. */
  async afterToolCall(call: { name: string; args: unknown }): Promise<TimelineEventBody | null> {
    const touched = this.touchedPath(call);
    if (!touched) return null;
    const candidates = [
      ...(await nearestNestedRules(this.worktree, touched.path, touched.isFolder, this.nestedCache)),
      ...(touched.isFolder ? [] : this.matchers.filter((matcher) => matcher.matches(touched.path)).map((matcher) => matcher.document)),
    ];
    const fresh = candidates.filter((document) => !this.given.has(document.file));
    if (fresh.length === 0) return null;
    for (const document of fresh) this.given.add(document.file);
    const expanded = await expandImports(fresh, this.seen);
    const fitted = fitToBudget(expanded.documents, Number.POSITIVE_INFINITY);
    for (const rule of fitted.rules) this.given.add(rule.document.file);
    if (fitted.rules.length === 0) return null;
    return {
      kind: 'rules_loaded',
      trigger: 'path',
      path: touched.path,
      rules: fitted.rules.map((rule) => rule.given),
      warnings: [...expanded.warnings, ...fitted.warnings],
      text: pathRulesMessage(touched.path, fitted.rules),
    };
  }

  /** The worktree-relative path a call read or edited (`/`-separated), or null (another tool, the root, a refused path). */
  private touchedPath(call: { name: string; args: unknown }): { path: string; isFolder: boolean } | null {
    const isFolder = folderTools.has(call.name);
    if (!isFolder && !fileTools.has(call.name)) return null;
    const requested = (call.args as { path?: unknown } | null)?.path;
    if (typeof requested !== 'string' || requested.trim() === '') return null;
    const located = resolveInsideWorkspace(this.worktree, requested);
    if (!located.ok) return null;
    const path = relative(realpathSync(this.worktree), located.data).split(sep).join('/');
    return path === '' ? null : { path, isFolder };
  }
}
