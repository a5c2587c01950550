import type { AuditVerification } from '../../../src-shared/contract';

/** `rule:read tools allowed` → `rule “read tools allowed”`; people stay as they are. */
export function actorText(actor: string): string {
  return actor.startsWith('rule:') ? `rule “${actor.slice(5)}”` : actor;
}

export function verificationText(verification: AuditVerification): string {
  if (verification.ok) {
    return verification.entries === 0
      ? 'Nothing recorded yet: the chain is empty.'
      : `Chain verified: ${verification.entries} ${verification.entries === 1 ? 'entry' : 'entries'} intact (newest #${verification.head?.seq}).`;
  }
  const broken = verification.firstBroken;
  return `Chain broken at entry #${broken?.seq} (${broken?.problem}): ${broken?.reason}`;
}

export function entryTime(at: number): string {
  return new Date(at).toLocaleString();
}
