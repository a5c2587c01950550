import type { Store } from '../store/store';
import { argsDigest } from './entry-hash';

export type ToolOutcome = 'ok' | 'error' | 'denied' | 'cancelled';

interface CallFacts {
  name: string;
  args: unknown;
  /** Computed once, when first needed (an approval request, then the call's entry). */
  digest?: string;
  outcome?: ToolOutcome;
}

/**
 * What the audit knows of each tool call between its start and its result: the name and
 * arguments (digested once), and how it ended. A call begun before a restart and run by
 * Resume is read back from the stored timeline.
 */
export class ToolCallLedger {
  private readonly calls = new Map<string, CallFacts>();

  constructor(private readonly store: Store) {}

  note(taskId: string, callId: string, name: string, args: unknown): void {
    if (!this.calls.has(key(taskId, callId))) this.calls.set(key(taskId, callId), { name, args });
  }

  /** An external agent sent the call's arguments after announcing it: the digest is of these. */
  revise(taskId: string, callId: string, args: unknown): void {
    const facts = this.calls.get(key(taskId, callId));
    if (!facts) return;
    facts.args = args;
    delete facts.digest;
  }

  settle(taskId: string, callId: string, outcome: ToolOutcome): void {
    const facts = this.find(taskId, callId);
    if (facts) facts.outcome = outcome;
  }

  /** Name and arguments digest of a call; the facts stay until `take`. */
  describe(taskId: string, callId: string): { name: string; argsDigest: string } | undefined {
    const facts = this.find(taskId, callId);
    if (!facts) return undefined;
    facts.digest ??= argsDigest(facts.args);
    return { name: facts.name, argsDigest: facts.digest };
  }

  /** The call's facts, forgotten: its result is in. */
  take(taskId: string, callId: string): { name: string; argsDigest: string; outcome: ToolOutcome | undefined } | undefined {
    const described = this.describe(taskId, callId);
    if (!described) return undefined;
    const outcome = this.calls.get(key(taskId, callId))?.outcome;
    this.calls.delete(key(taskId, callId));
    return { ...described, outcome };
  }

  /** A run ended: none of its calls is still waiting for a result. */
  forgetTask(taskId: string): void {
    const prefix = `${taskId}\u0000`;
    for (const id of this.calls.keys()) if (id.startsWith(prefix)) this.calls.delete(id);
  }

  private find(taskId: string, callId: string): CallFacts | undefined {
    let facts = this.calls.get(key(taskId, callId));
    if (!facts) {
      // Rare: the call was recorded by an earlier run of Braid (Resume runs it now).
      const stored = this.store.timeline.ofKinds(taskId, ['tool_call']).find((event) => event.kind === 'tool_call' && event.callId === callId);
      if (!stored || stored.kind !== 'tool_call') return undefined;
      facts = { name: stored.name, args: stored.args };
      this.calls.set(key(taskId, callId), facts);
    }
    return facts;
  }
}

const key = (taskId: string, callId: string) => `${taskId}\u0000${callId}`;
