import { useId } from 'react';
import type { Radar } from '../../../src-shared/contract';
import { useProjectRadar, useRadarStore } from './radar-store';
import { overlapsOf, rangeText, verdictText, type RadarLookup } from './radar-text';
import { useRadarLookup } from './use-radar-lookup';
import './radar.css';

/**
 * The project's conflict radar for DiffLens: each pair of tasks that touched the same files,
 * with the base line ranges both touched, and each task's dry-run merge into its base.
 * Region `Conflict radar`; lists `Overlapping tasks` and `Merge check`.
 */
export function RadarSummary({ projectId }: { projectId: string }) {
  const radar = useProjectRadar(projectId);
  const error = useRadarStore((s) => s.errorByProject[projectId] ?? null);
  const lookup = useRadarLookup(projectId);
  const headingId = useId();
  return (
    <section className="radar-summary" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        Conflict radar
      </h3>
      {!radar && error && <p className="inline-error">{`The radar could not be computed: ${error}`}</p>}
      {!radar && !error && <p className="muted">Checking the tasks against each other…</p>}
      {radar && <RadarDetails radar={radar} lookup={lookup} />}
    </section>
  );
}

function RadarDetails({ radar, lookup }: { radar: Radar; lookup: RadarLookup }) {
  const pairs = radar.pairs.filter((pair) => {
    const a = lookup(pair.a);
    const b = lookup(pair.b);
    return a && b && a.mergedInto === null && b.mergedInto === null && pair.files.length > 0;
  });
  const verdicts = radar.tasks.filter((entry) => lookup(entry.taskId) !== undefined);
  return (
    <>
      {pairs.length === 0 ? (
        <p className="muted">No two active tasks touch the same files.</p>
      ) : (
        <ul className="radar-summary__list" aria-label="Overlapping tasks">
          {pairs.map((pair) => {
            const overlap = overlapsOf(radar, pair.a, lookup).find((item) => item.otherId === pair.b);
            const titleA = lookup(pair.a)?.title ?? pair.a;
            return (
              <li key={`${pair.a}:${pair.b}`} className="radar-pair">
                <p className="radar-pair__tasks">
                  <strong>{titleA}</strong> and <strong>{overlap?.otherTitle ?? pair.b}</strong> both change
                </p>
                <ul className="radar-pair__files">
                  {pair.files.map((file) => (
                    <li key={file.path}>
                      <span className="mono">{file.path}</span> <span className="muted">{rangeText(file)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
      {verdicts.length > 0 && (
        <ul className="radar-summary__list" aria-label="Merge check">
          {verdicts.map((entry) => {
            const info = lookup(entry.taskId);
            const merged = info?.mergedInto ?? null;
            const conflicted = !entry.error && !entry.clean && entry.conflicts.length > 0;
            const tone = merged ? 'merged' : entry.error ? 'error' : conflicted ? 'conflict' : 'clean';
            return (
              <li key={entry.taskId} className={`radar-verdict radar-verdict--${tone}`}>
                <span className="radar-verdict__task">{info?.title}</span>{' '}
                <span className="radar-verdict__text" title={conflicted ? entry.conflicts.join('\n') : undefined}>
                  {merged ? `merged into ${merged}` : verdictText(entry)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p className="radar-summary__time muted">Checked {new Date(radar.computedAt).toLocaleTimeString()}</p>
    </>
  );
}
