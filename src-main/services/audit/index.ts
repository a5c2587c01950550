import type { TimelineWriter } from '../agents/timeline-writer';
import type { ContractEmit, DomainEventBus } from '../events';
import type { Store } from '../store/store';
import { AuditLog } from './audit-log';
import { createAuditService } from './audit-service';
import { auditDomainEvents } from './domain-source';
import { TaskScopes } from './task-scopes';
import { auditTimeline } from './timeline-source';
import { ToolCallLedger } from './tool-call-ledger';

export type { AuditService } from './audit-service';
export type { AuditLog, AuditAppend } from './audit-log';

/**
 * The audit trail, built once by the composition root: the log, its two sources (the
 * timeline as it is written, and the domain events), and the service the host reads it
 * through. `rideOn` makes the log a companion of the timeline writer: its entries are written
 * in the writer's flushes, in the same transaction.
 */
export function createAuditTrail(options: { store: Store; now: () => number; events: DomainEventBus; emit: ContractEmit; log?: (line: string) => void }) {
  const { store, now, events, emit } = options;
  let writer: TimelineWriter | undefined;
  const log = new AuditLog({
    store,
    now,
    requestFlush: () => writer?.schedule(),
    onWritten: (projectIds) => {
      for (const projectId of projectIds) emit('audit.changed', { projectId });
    },
    log: options.log,
  });
  const scopes = new TaskScopes(store);
  const calls = new ToolCallLedger(store);
  auditDomainEvents(events, log, scopes, calls);
  return {
    log,
    /** The timeline writer's `observe`. */
    observeTimeline: auditTimeline(log, scopes, calls),
    rideOn(timelineWriter: TimelineWriter): void {
      writer = timelineWriter;
      timelineWriter.join(log);
    },
    service: createAuditService({ store, log, flush: () => writer?.flush(), now }),
  };
}
