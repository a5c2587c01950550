import type { AuditEntry, AuditVerification } from '../../../src-shared/contract';
import { describeAuditEntry } from '../../../src-shared/audit/describe-audit-entry';
import type { StoredAuditEntry } from '../store/audit-repository';
import { canonicalJson } from './canonical-json';

/** A stored row as the contract shows it: the payload parsed (an unreadable one is shown as such, not hidden). */
export function toAuditEntry(stored: StoredAuditEntry): AuditEntry {
  const { payloadJson, ...rest } = stored;
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(payloadJson);
    payload = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { unreadable: payloadJson };
  } catch {
    payload = { unreadable: payloadJson };
  }
  return { ...rest, payload };
}

/**
 * JSON Lines, oldest first: each line an entry's canonical JSON with its `prevHash` and
 * `hash`, so anyone can recompute each hash without Braid (see `howToCheck`).
 */
export function auditJsonl(entries: readonly AuditEntry[]): string {
  return entries.map((entry) => `${canonicalJson(entry)}\n`).join('');
}

/** How to check an export without Braid, said in the Markdown report and the docs. */
export const howToCheck =
  'Each entry\'s hash is sha256 of its prevHash, a newline, and the RFC 8785 canonical JSON of ' +
  '{actor, at, payload, pipelineId, projectId, seq, taskId, type}, in lowercase hex; the first entry of a project has ' +
  'prevHash "0" × 64, and each later entry\'s prevHash is the hash of the entry before it (seq − 1).';

export interface MarkdownReportInput {
  projectName: string;
  /** e.g. `the whole project`, `task “Fix login” (id …)`. */
  scope: string;
  scoped: boolean;
  verification: AuditVerification;
  exportedAt: number;
  entries: readonly AuditEntry[];
}

/** A report for people: what was checked, then one row per entry (time, actor, event, what). */
export function auditMarkdown(input: MarkdownReportInput): string {
  const { verification } = input;
  const lines = [
    `# Audit trail: ${escapeInline(input.projectName)}`,
    '',
    `- Scope: ${escapeInline(input.scope)}`,
    `- Exported: ${isoTime(input.exportedAt)}`,
    `- Entries in this report: ${input.entries.length}`,
    verification.ok
      ? `- Chain of the project: **verified**, ${verification.entries} entries intact${verification.head ? ` (newest #${verification.head.seq}, hash \`${verification.head.hash}\`)` : ''}`
      : `- Chain of the project: **BROKEN** at entry #${verification.firstBroken?.seq} (${verification.firstBroken?.problem}): ${escapeInline(verification.firstBroken?.reason ?? '')}`,
    '',
    `> ${howToCheck}${
      input.scoped
        ? ' This report holds only some of the project\'s entries, with their seq, prevHash and hash: check each entry against its own hash, and the links between entries against the project\'s chain (export the whole project as JSONL).'
        : ''
    }`,
    '',
    '| # | Time (UTC) | Actor | Event | What | Hash |',
    '| ---: | --- | --- | --- | --- | --- |',
    ...input.entries.map(
      (entry) =>
        `| ${entry.seq} | ${isoTime(entry.at)} | ${cell(entry.actor)} | ${cell(entry.type)} | ${cell(describeAuditEntry(entry))} | \`${entry.hash.slice(0, 16)}\` |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function isoTime(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** A table cell: pipes escaped, line breaks folded, so one entry stays one row. */
function cell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|');
}

function escapeInline(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/([\\`*[\]<>])/g, '\\$1');
}
