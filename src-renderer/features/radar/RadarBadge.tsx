import { useId, useMemo } from 'react';
import { useProjectRadar } from './radar-store';
import { radarBadgeText } from './radar-text';
import { useRadarLookup } from './use-radar-lookup';
import './radar.css';

const glyphs = { conflict: '⚠', overlap: '⇄', merged: '✓' } as const;

/**
 * The radar's word on one task (`conflict`, `overlap`, `merged`) or nothing. Named
 * "<title>: <word>", described by the full sentence, which is also the tooltip.
 */
export function RadarBadge({ taskId, projectId }: { taskId: string; projectId: string }) {
  const radar = useProjectRadar(projectId);
  const lookup = useRadarLookup(projectId);
  const badge = useMemo(() => radarBadgeText(radar, taskId, lookup), [radar, taskId, lookup]);
  const title = lookup(taskId)?.title;
  const descriptionId = useId();
  if (!badge || title === undefined) return null;
  return (
    <span role="img" className={`radar-badge radar-badge--${badge.tone}`} aria-label={`${title}: ${badge.label}`} aria-describedby={descriptionId} title={badge.description}>
      <span aria-hidden="true">{glyphs[badge.tone]}</span>
      {/* Only a conflict spells its word out: the sidebar is narrow, the glyph and tooltip say the rest. */}
      {badge.tone === 'conflict' && <span aria-hidden="true">{badge.label}</span>}
      <span id={descriptionId} className="visually-hidden">
        {badge.description}
      </span>
    </span>
  );
}
