import type { RuleActivation, RuleScope } from '../../../src-shared/contract';

/** A rules text as found: where it lives, when it applies, and its body (frontmatter removed). */
export interface RuleDocument {
  /** As shown to the user and the model: `AGENTS.md`, `packages/api/AGENTS.md`, `~/.claude/CLAUDE.md`. */
  file: string;
  scope: RuleScope;
  activation: RuleActivation;
  /** `paths:` / `globs:` of a path rule. */
  globs: string[];
  description: string | null;
  body: string;
  /** The folder its `@path` imports are confined to (the worktree, the project's checkout, `~/.claude`); null: no imports (personal rules). */
  root: string | null;
  /** Its real path, where imports are resolved from; null for personal rules. */
  realPath: string | null;
  importedBy: string | null;
}

/** Where a task's rules come from. */
export interface RulePlaces {
  /** The task's worktree: the project's rules as the task's branch has them. */
  worktree: string;
  /** The user's checkout of the project, for `CLAUDE.local.md` (not committed, so not in a worktree). */
  projectRoot: string;
  home: string;
  /** Settings → Rules. */
  personal: string;
}
