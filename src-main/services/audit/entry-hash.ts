import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of a project's first entry. */
export const genesisHash = '0'.repeat(64);

/** What an entry's hash covers, besides the hash of the entry before it. */
export interface HashedFields {
  projectId: string;
  seq: number;
  at: number;
  actor: string;
  type: string;
  taskId: string | null;
  pipelineId: string | null;
}

/**
 * The entry as canonical JSON, `payloadJson` spliced in as it is: it must already be the
 * payload's canonical JSON (the log writes it that way, so appending canonicalises each payload
 * once). Keys in RFC 8785 order: actor, at, payload, pipelineId, projectId, seq, taskId, type.
 */
export function canonicalEntryText(fields: HashedFields, payloadJson: string): string {
  const text = (value: string | number | null) => JSON.stringify(value);
  return (
    `{"actor":${text(fields.actor)},"at":${text(fields.at)},"payload":${payloadJson},"pipelineId":${text(fields.pipelineId)},` +
    `"projectId":${text(fields.projectId)},"seq":${text(fields.seq)},"taskId":${text(fields.taskId)},"type":${text(fields.type)}}`
  );
}

/** sha256(prevHash + "\n" + canonical JSON of the entry), lowercase hex. */
export function entryHash(prevHash: string, fields: HashedFields, payloadJson: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntryText(fields, payloadJson)).digest('hex');
}

/** The digest of a tool call's arguments recorded instead of the arguments themselves. */
export function argsDigest(args: unknown): string {
  return createHash('sha256').update(canonicalJson(args ?? null)).digest('hex');
}
