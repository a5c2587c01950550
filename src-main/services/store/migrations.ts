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
  {
    version: 5,
    name: 'roles and pipelines: plan and review artifacts, step progress, pipelines, audit trail',
    sql: `
      CREATE TABLE pipeline (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        goal TEXT NOT NULL,
        -- {plan, implement, review}: a model ref each, or null for the role's default.
        models TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX pipeline_by_project ON pipeline(project_id, created_at);

      -- The task table again, for two new statuses (a CHECK cannot be altered in place) and the
      -- links between the stages of a pipeline. Rebuilt as SQLite documents it: copy, drop,
      -- rename, with foreign keys off while the migration runs.
      CREATE TABLE task_rebuilt (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        workspace_id TEXT NOT NULL REFERENCES workspace(id),
        title TEXT NOT NULL,
        prompt TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('plan', 'implement', 'review')),
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'idle'
          CHECK (status IN ('idle', 'queued', 'running', 'needs_approval', 'needs_input', 'plan_review', 'paused', 'done', 'failed', 'interrupted', 'stopped')),
        status_reason TEXT,
        model TEXT,
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        cached_tokens INTEGER NOT NULL DEFAULT 0,
        cost_usd REAL,
        context_tokens INTEGER NOT NULL DEFAULT 0,
        context_window INTEGER NOT NULL DEFAULT 0,
        step_count INTEGER NOT NULL DEFAULT 0,
        max_steps INTEGER NOT NULL DEFAULT 50,
        max_cost_usd REAL,
        pipeline_id TEXT REFERENCES pipeline(id) ON DELETE SET NULL,
        -- Implement tasks: {planTaskId, version, stepIds} of the approved plan they implement.
        plan_pin TEXT,
        -- Review tasks: the task whose workspace they share and review.
        reviewed_task_id TEXT REFERENCES task(id) ON DELETE SET NULL
      ) STRICT;
      INSERT INTO task_rebuilt (id, project_id, workspace_id, title, prompt, role, created_at, status, status_reason, model,
        input_tokens, output_tokens, cached_tokens, cost_usd, context_tokens, context_window, step_count, max_steps, max_cost_usd)
      SELECT id, project_id, workspace_id, title, prompt, role, created_at, status, status_reason, model,
        input_tokens, output_tokens, cached_tokens, cost_usd, context_tokens, context_window, step_count, max_steps, max_cost_usd
      FROM task;
      DROP TABLE task;
      ALTER TABLE task_rebuilt RENAME TO task;
      CREATE INDEX task_by_project ON task(project_id, created_at);
      CREATE INDEX task_by_workspace ON task(workspace_id);
      CREATE INDEX task_by_pipeline ON task(pipeline_id) WHERE pipeline_id IS NOT NULL;
      CREATE INDEX task_by_reviewed ON task(reviewed_task_id) WHERE reviewed_task_id IS NOT NULL;

      -- Every version a plan task's agent (or the user, editing) submitted. Immutable but for
      -- status and decision, which record the gate.
      CREATE TABLE plan_version (
        task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        version INTEGER NOT NULL CHECK (version >= 1),
        author TEXT NOT NULL CHECK (author IN ('agent', 'user')),
        plan TEXT NOT NULL,
        markdown TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'changes_requested', 'rejected', 'superseded')),
        decision TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (task_id, version)
      ) STRICT, WITHOUT ROWID;

      -- An implement task's progress on the steps it is pinned to.
      CREATE TABLE plan_step_progress (
        task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'done', 'skipped')),
        note TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (task_id, step_id)
      ) STRICT, WITHOUT ROWID;

      -- Every review a review task's agent submitted, and its findings.
      CREATE TABLE review_report (
        task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        version INTEGER NOT NULL CHECK (version >= 1),
        reviewed_task_id TEXT NOT NULL,
        head_commit TEXT,
        verdict TEXT NOT NULL CHECK (verdict IN ('correct', 'incorrect')),
        explanation TEXT NOT NULL,
        confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
        resolved TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (task_id, version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE review_finding (
        id TEXT PRIMARY KEY,
        review_task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        reviewed_task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        priority TEXT NOT NULL CHECK (priority IN ('P0', 'P1', 'P2', 'P3')),
        confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
        path TEXT NOT NULL,
        line_start INTEGER CHECK (line_start >= 1),
        line_end INTEGER CHECK (line_end >= line_start),
        body TEXT NOT NULL,
        criterion TEXT,
        suggested_fix TEXT,
        -- The lines as they read when found: a later change to them means likely addressed.
        anchor_text TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'sent', 'addressed', 'dismissed', 'fixed')),
        status_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX review_finding_by_reviewed ON review_finding(reviewed_task_id, status);
      CREATE INDEX review_finding_by_review ON review_finding(review_task_id, version);

      -- The audit trail: per project, append-only, each entry chained to the one before by its
      -- hash. No foreign keys: entries outlive the tasks and pipelines they name.
      CREATE TABLE audit_entry (
        project_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        type TEXT NOT NULL,
        task_id TEXT,
        pipeline_id TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (project_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX audit_by_task ON audit_entry(task_id, seq) WHERE task_id IS NOT NULL;
      CREATE INDEX audit_by_pipeline ON audit_entry(pipeline_id, seq) WHERE pipeline_id IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'permission mode per task',
    // A task's permission mode (ask, accept edits, full auto, plan); NULL follows the project's
    // or the role's default.
    sql: `
      ALTER TABLE task ADD COLUMN permission_mode TEXT CHECK (permission_mode IN ('ask', 'acceptEdits', 'fullAuto', 'plan'));
    `,
  },
  {
    version: 7,
    name: 'subagents: parent task, the definition a subagent runs, usage rolled up',
    sql: `
      -- A subagent's task: the task whose delegate call started it (same workspace). Its rows go
      -- with the parent's (Braid deletes them first, one by one, so each is announced).
      ALTER TABLE task ADD COLUMN parent_task_id TEXT REFERENCES task(id) ON DELETE CASCADE;
      -- The definition as it was when delegated (JSON: agent, source, depth, callId, tools,
      -- disallowed tools, system prompt), so a resumed subagent obeys what it was started with.
      ALTER TABLE task ADD COLUMN subagent TEXT;
      -- What the task's subagents (every level) used; the task's usage shown includes it.
      ALTER TABLE task ADD COLUMN sub_input_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN sub_output_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN sub_cached_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE task ADD COLUMN sub_cost_usd REAL;
      CREATE INDEX task_by_parent ON task(parent_task_id) WHERE parent_task_id IS NOT NULL;
    `,
  },
  {
    version: 8,
    name: 'pipeline checks and holds',
    sql: `
      -- The project's check command as it ran in an implement task's workspace before its
      -- review: its result is shown, given to the reviewer, and gates the merge.
      CREATE TABLE pipeline_check (
        id TEXT PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        command TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'passed', 'failed', 'error', 'cancelled')),
        exit_code INTEGER,
        output TEXT NOT NULL DEFAULT '',
        reason TEXT,
        sandboxed INTEGER NOT NULL CHECK (sandboxed IN (0, 1)),
        started_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX pipeline_check_by_task ON pipeline_check(task_id, started_at);

      -- Why a pipeline did not move a stage on by itself (the implement tasks could not be
      -- created, a review could not start): one per task, cleared once the stage moves.
      CREATE TABLE pipeline_hold (
        task_id TEXT PRIMARY KEY REFERENCES task(id) ON DELETE CASCADE,
        pipeline_id TEXT NOT NULL REFERENCES pipeline(id) ON DELETE CASCADE,
        stage TEXT NOT NULL CHECK (stage IN ('implement', 'review')),
        message TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    name: 'workspace setup and port blocks',
    // setup: the workspace's setup (the contract's WorkspaceSetup as JSON); NULL for workspaces
    // made before setup existed, which read as "no setup". port_base: BRAID_PORT, the first of
    // the workspace's block of 10 ports; blocks start at multiples of 10, so a unique start
    // means no two workspaces share a port. Deleting the row releases the block.
    sql: `
      ALTER TABLE workspace ADD COLUMN setup TEXT CHECK (setup IS NULL OR json_valid(setup));
      ALTER TABLE workspace ADD COLUMN port_base INTEGER CHECK (port_base IS NULL OR (port_base BETWEEN 1024 AND 65526 AND port_base % 10 = 0));
      CREATE UNIQUE INDEX workspace_by_port_base ON workspace(port_base) WHERE port_base IS NOT NULL;
    `,
  },
  {
    version: 10,
    name: 'merge queue and pull requests',
    sql: `
      -- One queue per project and target branch; a row exists once it was paused or resumed.
      CREATE TABLE merge_queue (
        project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        target_branch TEXT NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        pause_reason TEXT,
        PRIMARY KEY (project_id, target_branch)
      ) STRICT, WITHOUT ROWID;

      -- A task waiting, running, landed or ejected in a queue. options: the merge dialog's choices
      -- (JSON); landing: what a restart needs to finish or undo a landing that was under way.
      CREATE TABLE merge_queue_entry (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
        target_branch TEXT NOT NULL,
        task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        options TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'building', 'testing', 'landing', 'landed', 'ejected')),
        speculative INTEGER NOT NULL DEFAULT 0 CHECK (speculative IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0,
        enqueued_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        target_commit TEXT,
        candidate_commit TEXT,
        landing TEXT,
        ejection TEXT,
        landed TEXT,
        log TEXT
      ) STRICT;
      CREATE INDEX merge_queue_entry_by_queue ON merge_queue_entry(project_id, target_branch, position);
      CREATE INDEX merge_queue_entry_by_task ON merge_queue_entry(task_id);

      -- The pull request Braid opened (or found) for a workspace's branch, as gh last reported it.
      CREATE TABLE pull_request (
        workspace_id TEXT PRIMARY KEY REFERENCES workspace(id) ON DELETE CASCADE,
        remote TEXT NOT NULL,
        number INTEGER NOT NULL,
        url TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('OPEN', 'CLOSED', 'MERGED')),
        is_draft INTEGER NOT NULL CHECK (is_draft IN (0, 1)),
        title TEXT NOT NULL,
        base_ref TEXT NOT NULL,
        head_ref TEXT NOT NULL,
        checked_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 11,
    name: 'engine per task',
    // Who does a task's work, as JSON (the contract's Engine): NULL is Braid's own agent, so every
    // task stored before keeps it.
    sql: `
      ALTER TABLE task ADD COLUMN engine TEXT CHECK (engine IS NULL OR json_valid(engine));
    `,
  },
];
