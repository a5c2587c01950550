import type { PipelineCheck } from '../../../src-shared/contract';
import { stageTime } from './pipeline-text';

const outcomeWords: Record<PipelineCheck['status'], string> = {
  running: 'running',
  passed: 'passed',
  failed: 'failed',
  error: 'could not run',
  cancelled: 'cancelled',
};

/** "Check `npm test` failed (exit 1) · 14:05 · sandboxed", with its output folded under it. */
export function checkLine(check: PipelineCheck): string {
  const exit = check.exitCode !== null && check.status !== 'running' ? ` (exit ${check.exitCode})` : '';
  return `Check \`${check.command}\` ${outcomeWords[check.status]}${exit} · ${stageTime(check.startedAt)}${check.sandboxed ? ' · sandboxed' : ' · not sandboxed'}`;
}

/** The project's check command as it last ran on the task: how it ended, why, and its output. */
export function CheckResult({ check }: { check: PipelineCheck }) {
  return (
    <div className={`check-result check-result--${check.status}`} aria-label="Check">
      <p>{checkLine(check)}</p>
      {check.reason && <p className="muted">{check.reason}</p>}
      {check.output.trim() !== '' && (
        <details>
          <summary>Check output</summary>
          <pre className="check-result__output mono">{check.output}</pre>
        </details>
      )}
    </div>
  );
}
