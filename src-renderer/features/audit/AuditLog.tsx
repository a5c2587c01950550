import { useId, useState } from 'react';
import type { AuditExportFormat, AuditVerification } from '../../../src-shared/contract';
import { describeAuditEntry } from '../../../src-shared/audit/describe-audit-entry';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { actorText, entryTime, verificationText } from './audit-text';
import { downloadTextFile } from './download-file';
import { scopeArgs, useAuditEntries, type AuditScope } from './use-audit-entries';
import './audit.css';

const mimeTypes: Record<AuditExportFormat, string> = { jsonl: 'application/x-ndjson', markdown: 'text/markdown' };

/**
 * The audit trail of a task, a pipeline or the whole project (region `Audit trail`): its entries newest first,
 * paged, with Verify (the project's whole chain) and the exports as file downloads. Where a
 * disclosure already says "Audit trail", `heading={false}` leaves the visible heading out.
 */
export function AuditLog({ projectId, scope, heading = true }: { projectId: string; scope: AuditScope; heading?: boolean }) {
  const api = useBridge();
  const headingId = useId();
  const { entries, hasMore, loading, error, loadOlder } = useAuditEntries(projectId, scope);
  const verifying = useHostAction();
  const exporting = useHostAction();
  const [verification, setVerification] = useState<AuditVerification | null>(null);

  const verify = async () => {
    const result = await verifying.run(() => api.invoke('audit.verify', { projectId }));
    if (result) setVerification(result.ok ? result.data : null);
  };
  const exportAs = async (format: AuditExportFormat) => {
    const result = await exporting.run(() => api.invoke('audit.export', { projectId, ...scopeArgs(scope), format }));
    if (result?.ok) downloadTextFile(result.data.fileName, result.data.content, mimeTypes[format]);
  };

  return (
    <section className="audit-log" aria-labelledby={heading ? headingId : undefined} aria-label={heading ? undefined : 'Audit trail'} aria-busy={loading}>
      <div className="audit-log__header">
        {heading && (
          <h3 id={headingId} className="section-title">
            Audit trail
          </h3>
        )}
        <div className="audit-log__actions">
          <button type="button" className="button button--small" onClick={() => void verify()} disabled={verifying.pending}>
            {verifying.pending ? 'Verifying…' : 'Verify chain'}
          </button>
          <button type="button" className="button button--small" onClick={() => void exportAs('jsonl')} disabled={exporting.pending}>
            Export JSONL
          </button>
          <button type="button" className="button button--small" onClick={() => void exportAs('markdown')} disabled={exporting.pending}>
            Export Markdown
          </button>
        </div>
      </div>
      {verification &&
        (verification.ok ? (
          <p role="status" className="audit-log__verdict audit-log__verdict--ok">
            {verificationText(verification)}
          </p>
        ) : (
          <p role="alert" className="audit-log__verdict audit-log__verdict--broken">
            {verificationText(verification)}
          </p>
        ))}
      <InlineError message={verifying.error ?? exporting.error ?? error} />
      {entries.length === 0 && !loading && !error && <p className="muted">Nothing recorded yet.</p>}
      {entries.length > 0 && (
        <ol className="audit-log__entries" aria-label="Audit entries">
          {entries.map((entry) => (
            <li key={entry.seq} className="audit-log__entry">
              <span className="audit-log__what">{describeAuditEntry(entry)}</span>
              <span className="audit-log__meta">
                #{entry.seq} · {entryTime(entry.at)} · {actorText(entry.actor)} · <span className="mono">{entry.type}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
      {hasMore && (
        <button type="button" className="button button--small audit-log__older" onClick={loadOlder} disabled={loading}>
          Load older entries
        </button>
      )}
    </section>
  );
}
