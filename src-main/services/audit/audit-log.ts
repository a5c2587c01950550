import type { AuditEntryType } from '../../../src-shared/contract';
import type { FlushCompanion } from '../agents/timeline-writer';
import type { StoredAuditEntry } from '../store/audit-repository';
import type { Store } from '../store/store';
import { canonicalJson } from './canonical-json';
import { entryHash, genesisHash } from './entry-hash';

/** What a source appends; `seq`, `at` and the hashes are the log's. */
export interface AuditAppend {
  /** `user`, `agent`, `braid`, or `rule:<the rule that decided>`. */
  actor: string;
  type: AuditEntryType;
  taskId?: string | null;
  pipelineId?: string | null;
  payload: Record<string, unknown>;
}

export interface AuditLogOptions {
  store: Store;
  now: () => number;
  /** Asks the batched writer for a flush soon (the log is its companion: same transaction). */
  requestFlush: () => void;
  /** After a flush wrote entries of these projects (pushes `audit.changed`). */
  onWritten?: (projectIds: string[]) => void;
  log?: (line: string) => void;
}

interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The audit trail's writer: per project, append-only, each entry chained to the one before by
 * `hash = sha256(prevHash + "\n" + canonical JSON of the entry)`. Entries get their `seq`, `at`
 * and hashes when appended, wait in memory and are written by the timeline writer's flush, in
 * its transaction (the log is a `FlushCompanion`): no transaction of their own. The newest hash
 * of each project is kept in memory, read from the database the first time a project appends.
 * A clean shutdown flushes; a crash loses the unflushed tail, exactly as it does the timeline's.
 */
export class AuditLog implements FlushCompanion {
  private queue: StoredAuditEntry[] = [];
  private writing: StoredAuditEntry[] = [];
  /** The newest entry of each project appended so far (written or waiting). */
  private readonly heads = new Map<string, ChainHead>();
  private closed = false;

  constructor(private readonly options: AuditLogOptions) {}

  append(projectId: string, entry: AuditAppend): void {
    if (this.closed) return;
    const head = this.headOf(projectId);
    const fields = {
      projectId,
      seq: head.seq + 1,
      at: this.options.now(),
      actor: entry.actor,
      type: entry.type,
      taskId: entry.taskId ?? null,
      pipelineId: entry.pipelineId ?? null,
    };
    // Canonical once: the stored text is what is hashed, so verification reads it back as is.
    const payloadJson = canonicalJson(entry.payload);
    const hash = entryHash(head.hash, fields, payloadJson);
    this.queue.push({ ...fields, payloadJson, prevHash: head.hash, hash });
    this.heads.set(projectId, { seq: fields.seq, hash });
    this.options.requestFlush();
  }

  /** The newest entry this process appended for the project, if any (verification compares it with the stored end). */
  appendedHead(projectId: string): ChainHead | undefined {
    return this.heads.get(projectId);
  }

  /** The project is gone (its entries were deleted with it): nothing of it is written any more. */
  forgetProject(projectId: string): void {
    this.heads.delete(projectId);
    this.queue = this.queue.filter((entry) => entry.projectId !== projectId);
  }

  /** Appends after this are dropped: the database is about to close. */
  close(): void {
    this.closed = true;
  }

  hasPending(): boolean {
    return this.queue.length > 0;
  }

  write(): void {
    const { store } = this.options;
    this.writing = this.queue;
    this.queue = [];
    const present = new Map<string, boolean>();
    const rows = this.writing.filter((entry) => {
      let there = present.get(entry.projectId);
      if (there === undefined) {
        // A project removed while its entries waited: they would start a chain nobody owns.
        there = store.projects.get(entry.projectId) !== undefined;
        present.set(entry.projectId, there);
        if (!there) this.heads.delete(entry.projectId);
      }
      return there;
    });
    store.audit.insert(rows);
  }

  committed(): void {
    const projects = [...new Set(this.writing.map((entry) => entry.projectId))];
    this.writing = [];
    if (projects.length > 0) this.options.onWritten?.(projects);
  }

  rolledBack(): void {
    // Tried again with the next flush, in order and ahead of newer entries: their seq and
    // hashes were given at append, so the chain stays whole.
    this.queue = [...this.writing, ...this.queue];
    this.writing = [];
  }

  private headOf(projectId: string): ChainHead {
    let head = this.heads.get(projectId);
    if (!head) {
      const last = this.options.store.audit.last(projectId);
      head = last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: genesisHash };
      this.heads.set(projectId, head);
    }
    return head;
  }
}
