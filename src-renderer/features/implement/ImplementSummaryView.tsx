import type { ImplementSummary } from '../../../src-shared/contract';
import { commandFailed, commandOutcomeLabel } from '../review/file-labels';
import { UnplannedChanges } from './UnplannedChanges';

/** An implement task's summary once its run ended: steps done or skipped, files changed, commands with exit codes, unplanned changes. */
export function ImplementSummaryView({ summary }: { summary: ImplementSummary }) {
  const count = (status: string) => summary.steps.filter((step) => step.status === status).length;
  const left = count('pending') + count('in_progress');
  return (
    <section className="implement-summary" aria-label="Summary">
      <h3 className="plan-document__heading">Summary</h3>
      <p>{`Steps: ${count('done')} done, ${count('skipped')} skipped${left > 0 ? `, ${left} not finished` : ''}.`}</p>
      <div className="implement-summary__part" role="group" aria-label="Files changed">
        <h4 className="plan-document__heading">{`Files changed: ${summary.files.length}`}</h4>
        {summary.filesError && <p className="muted">{`The files could not be read: ${summary.filesError}`}</p>}
        <ul className="implement-summary__list">
          {summary.files.map((file) => (
            <li key={file.path} className="mono selectable">
              {`${file.oldPath !== undefined && file.oldPath !== file.path ? `${file.oldPath} → ` : ''}${file.path}`}{' '}
              <span className="muted">{`${file.status} +${file.additions} −${file.deletions}`}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="implement-summary__part" role="group" aria-label="Commands run">
        <h4 className="plan-document__heading">{`Commands run: ${summary.commands.length}`}</h4>
        <ul className="implement-summary__list">
          {summary.commands.map((command) => (
            <li key={command.callId}>
              <code className="selectable">{command.command}</code>{' '}
              <span className={commandFailed(command) ? 'implement-summary__failed' : 'muted'}>{commandOutcomeLabel(command)}</span>
            </li>
          ))}
        </ul>
      </div>
      <UnplannedChanges changes={summary.unplanned} />
    </section>
  );
}
