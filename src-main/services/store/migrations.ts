export interface Migration {
  /** 1, 2, 3, ... in order; the database's `PRAGMA user_version` records the last applied. */
  version: number;
  name: string;
  sql: string;
}

/**
 * Every schema change, in order. Never edit a released migration: add the next one.
 * Tables are STRICT so a wrong type is an error instead of a silent conversion.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'projects, workspaces and tasks',
    sql: `
      CREATE TABLE project (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        -- Cached so listing projects runs no git; refreshed whenever branches are read.
        default_branch TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE workspace (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        path TEXT NOT NULL UNIQUE,
        branch TEXT NOT NULL,
        base_branch TEXT NOT NULL,
        base_commit TEXT,
        state TEXT NOT NULL CHECK (state IN ('creating', 'ready', 'failed', 'missing', 'deleting')),
        state_reason TEXT,
        branch_exists INTEGER NOT NULL DEFAULT 1 CHECK (branch_exists IN (0, 1)),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX workspace_by_project ON workspace(project_id);

      CREATE TABLE task (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        -- No cascade: a workspace may be shared by several tasks, so losing one must not
        -- silently take the others with it.
        workspace_id TEXT NOT NULL REFERENCES workspace(id),
        title TEXT NOT NULL,
        prompt TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('plan', 'implement', 'review')),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX task_by_project ON task(project_id, created_at);
      CREATE INDEX task_by_workspace ON task(workspace_id);
    `,
  },
  {
    version: 2,
    name: 'agent runtime: settings, agent state per task, timeline',
    sql: `
      -- Non-secret settings as JSON values (keys live in the secret store, never here).
      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      ALTER TABLE task ADD COLUMN status TEXT NOT NULL DEFAULT 'idle'
        CHECK (status IN ('idle', 'queued', 'running', 'needs_approval', 'paused', 'done', 'failed', 'interrupted', 'stopped'));
      ALTER TABLE task ADD COLUMN status_reason TEXT;
      ALTER TABLE task ADD COLUMN model TEXT;
      ALTER TABLE task ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN cached_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN cost_usd REAL;
      ALTER TABLE task ADD COLUMN context_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN context_window INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN step_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN max_steps INTEGER NOT NULL DEFAULT 50;
      ALTER TABLE task ADD COLUMN max_cost_usd REAL;

      -- The task's append-only timeline: messages, tool calls and results, approvals, usage.
      -- Written in batches; read in pages by seq.
      CREATE TABLE task_event (
        task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (task_id, seq)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'review comments',
    sql: `
      -- Comments on lines of a task's diff. anchor_text is the line as it read when the
      -- comment was made: a later change to it means the agent likely addressed the comment.
      CREATE TABLE review_comment (
        id TEXT PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        line INTEGER NOT NULL CHECK (line >= 1),
        side TEXT NOT NULL CHECK (side IN ('old', 'new')),
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'sent', 'addressed')),
        anchor_text TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER
      ) STRICT;
      CREATE INDEX review_comment_by_task ON review_comment(task_id, path, line);
    `,
  },
  {
    version: 4,
    name: 'merged workspaces',
    sql: `
      -- Set once the workspace has been merged back into its base branch: the merge's record
      -- as JSON (strategy, target, commits), so the review can say "merged" and offer archive.
      ALTER TABLE workspace ADD COLUMN merged TEXT;
    `,
  },
];
