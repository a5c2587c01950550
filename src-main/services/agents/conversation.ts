import type { ModelMessage } from 'ai';
import type { TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';

export interface PendingToolCall {
  callId: string;
  name: string;
  args: unknown;
  step: number;
}

type AssistantMessage = Extract<ModelMessage, { role: 'assistant' }>;
type AssistantParts = Exclude<AssistantMessage['content'], string>;

/**
 * The model's view of a task, folded from its timeline events. The same fold serves a run
 * in progress (fed each event as it happens) and a resume after a crash (fed the stored
 * timeline), so both see exactly the same conversation.
 *
 * A user message that arrives while a step is open (the model is answering or its tool
 * calls are unresolved) is held back and delivered when the step closes: that is what
 * "queued, delivered at the next step" means, and it keeps every tool call directly
 * followed by its result, as providers require.
 */
export class Conversation {
  readonly messages: ModelMessage[] = [];
  private readonly unresolved = new Map<string, PendingToolCall>();
  private readonly deferred: string[] = [];
  private openStep: number | null = null;
  private openStepFinished = false;
  private assistant: AssistantMessage | undefined;
  private highestStep = 0;

  static fromTimeline(events: readonly TimelineEvent[]): Conversation {
    const conversation = new Conversation();
    const compaction = events.findLast((event) => event.kind === 'compaction');
    const skipUpTo = compaction?.kind === 'compaction' ? compaction.upToSeq : 0;
    if (compaction?.kind === 'compaction') conversation.addSummary(compaction.summary);
    for (const event of events) {
      if (event.seq > skipUpTo) conversation.add(event);
      else if ('step' in event && typeof event.step === 'number') conversation.highestStep = Math.max(conversation.highestStep, event.step);
    }
    return conversation;
  }

  /** The last step number used; the next model step is `step + 1`. */
  get step(): number {
    return this.highestStep;
  }

  /** Messages the user sent that the model has not seen yet. */
  get queuedMessages(): number {
    return this.deferred.length;
  }

  /**
   * The step whose answer was still streaming where the events end: text but no end of step
   * (usage) yet. After a run has ended, or in a stored timeline, that answer was cut.
   */
  unfinishedStep(): number | null {
    return this.openStep !== null && this.assistant !== undefined && !this.openStepFinished ? this.openStep : null;
  }

  /** Tool calls the model asked for that have no result yet (e.g. after a crash). */
  pendingToolCalls(): PendingToolCall[] {
    return [...this.unresolved.values()];
  }

  /** Closes the open step (if its calls are resolved) and says whether the model has something to answer. */
  readyForModel(): boolean {
    if (this.unresolved.size === 0) this.closeStep();
    const last = this.messages.at(-1);
    return this.unresolved.size === 0 && (last?.role === 'user' || last?.role === 'tool');
  }

  add(event: TimelineEventBody): void {
    switch (event.kind) {
      case 'user_message':
        this.addUserText(event.text);
        return;
      case 'plan_version':
        // The agent knows its own submissions (the calls are in its context); the user's edit it must be told.
        if (event.author === 'user' && event.markdown !== null) {
          this.addUserText(`I edited the plan myself; my version v${event.version} replaces the earlier ones. It reads:\n\n${event.markdown}`);
        }
        return;
      case 'review_version':
        // The agent's own submission: the submit_review call and its result are in its context.
        return;
      case 'plan_decision':
        // A change request arrives as its own message (with the comments); these end the planning.
        if (event.decision === 'approved') this.addUserText(`I approved plan v${event.version}.`);
        else if (event.decision === 'rejected') this.addUserText(`I rejected plan v${event.version}${event.message ? `: ${event.message}` : '.'}`);
        return;
      case 'assistant_text': {
        const parts = this.partsFor(event.step);
        const last = parts.at(-1);
        if (last?.type === 'text') last.text += event.text;
        else parts.push({ type: 'text', text: event.text });
        return;
      }
      case 'tool_call':
        this.partsFor(event.step).push({ type: 'tool-call', toolCallId: event.callId, toolName: event.name, input: event.args });
        this.unresolved.set(event.callId, { callId: event.callId, name: event.name, args: event.args, step: event.step });
        return;
      case 'tool_result': {
        const call = this.unresolved.get(event.callId);
        if (!call) return;
        this.unresolved.delete(event.callId);
        const part = {
          type: 'tool-result' as const,
          toolCallId: event.callId,
          toolName: call.name,
          output: event.isError ? { type: 'error-text' as const, value: event.text } : { type: 'text' as const, value: event.text },
        };
        const last = this.messages.at(-1);
        if (last?.role === 'tool') last.content.push(part);
        else this.messages.push({ role: 'tool', content: [part] });
        if (this.unresolved.size === 0 && this.openStepFinished) this.closeStep();
        return;
      }
      case 'turn_ended':
        // An external agent's turn: its answer is finished whether or not it reported usage.
        if (this.openStep !== null) {
          this.openStepFinished = true;
          if (this.unresolved.size === 0) this.closeStep();
        }
        return;
      case 'usage':
        if (event.step === this.openStep) {
          this.openStepFinished = true;
          if (this.unresolved.size === 0) this.closeStep();
        }
        return;
      case 'retry':
        // The failed attempt's partial answer is not part of the conversation; the retry redoes the step.
        this.discardOpenStep();
        return;
      case 'answer_incomplete':
        // Cut mid-sentence: presenting it as a finished turn would end the task on half an answer.
        if (event.step === this.openStep) {
          this.discardOpenStep();
          this.closeStep();
        }
        return;
      case 'error':
        this.discardOpenStep();
        this.closeStep();
        return;
      case 'compaction':
        this.messages.length = 0;
        this.addSummary(event.summary);
        return;
      case 'context_cleared':
        // `/clear`, only between runs (a running agent refuses it): nothing is open or waiting,
        // and nothing said before reaches the model again (a summary before it neither).
        this.messages.length = 0;
        this.unresolved.clear();
        this.deferred.length = 0;
        this.discardOpenStep();
        this.closeStep();
        return;
      case 'rules_loaded':
        // Rules a path brought: a message after the call's result, as if the user had pasted them.
        if (event.trigger === 'path' && event.text !== null) this.addUserText(event.text);
        return;
      default:
        return;
    }
  }

  /** Held until the open step closes (its tool results first), as any message from the user. */
  private addUserText(text: string): void {
    if (this.openStep !== null) this.deferred.push(text);
    else this.messages.push({ role: 'user', content: text });
  }

  /** One user message, so the model can pick the task up from it directly. */
  private addSummary(summary: string): void {
    this.messages.push({
      role: 'user',
      content: `The earlier conversation was compacted to stay within the context window. Summary so far:\n\n${summary}\n\nContinue from here.`,
    });
  }

  private partsFor(step: number): AssistantParts {
    this.highestStep = Math.max(this.highestStep, step);
    if (this.openStep !== step || !this.assistant) {
      this.closeStep();
      this.openStep = step;
      this.openStepFinished = false;
      this.assistant = { role: 'assistant', content: [] };
      this.messages.push(this.assistant);
    }
    return this.assistant.content as AssistantParts;
  }

  private discardOpenStep(): void {
    if (this.openStep === null || !this.assistant) return;
    if (this.messages.at(-1) === this.assistant) this.messages.pop();
    for (const [callId, call] of this.unresolved) if (call.step === this.openStep) this.unresolved.delete(callId);
    this.assistant = undefined;
  }

  private closeStep(): void {
    this.openStep = null;
    this.openStepFinished = false;
    this.assistant = undefined;
    for (const text of this.deferred.splice(0)) this.messages.push({ role: 'user', content: text });
  }
}
