import type { TimelineEvent } from '../../../src-shared/contract';
import { toolOutputTailChars, type ApprovalItem, type QuestionItem, type ToolCallItem, type ViewItem } from './timeline-items';

/**
 * The conversation's rows, folded from the task's timeline events in order. Folding is
 * incremental (a streamed batch only touches the rows it changes) and pure: `foldEvents`
 * never mutates the fold it is given, so a store can compare rows by identity.
 */
export interface TimelineFold {
  items: readonly ViewItem[];
  /** callId → row index of its tool card. */
  toolRows: ReadonlyMap<string, number>;
  /** callId → row index of its newest approval: its tool card's row, or a row of its own. */
  approvalRows: ReadonlyMap<string, number>;
  /** callId → row index of the newest card of an `ask_user` call. */
  questionRows: ReadonlyMap<string, number>;
  /** runId → row index of a workspace script's card. */
  scriptRows: ReadonlyMap<string, number>;
  /** The newest error card while nothing but status lines came after it: only it offers Retry. */
  activeErrorKey: string | null;
}

export const emptyFold: TimelineFold = { items: [], toolRows: new Map(), approvalRows: new Map(), questionRows: new Map(), scriptRows: new Map(), activeErrorKey: null };

/** Status changes worth a line: `running` and `needs_approval` are shown by the rows themselves. */
const silentStatuses = new Set(['running', 'needs_approval', 'needs_input', 'plan_review', 'idle']);

function tail(text: string): { text: string; clipped: boolean } {
  if (text.length <= toolOutputTailChars) return { text, clipped: false };
  return { text: text.slice(text.length - toolOutputTailChars), clipped: true };
}

/** A row holding an approval (its own, or a tool card's) with that approval changed. */
function withApproval(item: ViewItem | undefined, change: (approval: ApprovalItem) => ApprovalItem): ViewItem {
  if (item?.kind === 'approval') return change(item);
  if (item?.kind === 'tool' && item.approval) return { ...item, approval: change(item.approval) };
  // approvalRows only points at rows holding one.
  throw new Error('no approval at that row');
}

/** A question card built from what is known: the call's arguments, or the `question` event. */
function questionItem(key: string, callId: string, args: unknown, asked: boolean): QuestionItem {
  const fields = (args ?? {}) as { question?: unknown; choices?: unknown };
  return {
    kind: 'question',
    key,
    callId,
    question: typeof fields.question === 'string' ? fields.question : '',
    choices: Array.isArray(fields.choices) ? fields.choices.filter((choice): choice is string => typeof choice === 'string') : [],
    asked,
    status: asked ? 'awaiting_input' : 'pending',
    result: null,
    answer: null,
    superseded: false,
  };
}

export function foldEvents(fold: TimelineFold, events: readonly TimelineEvent[]): TimelineFold {
  if (events.length === 0) return fold;
  const items = fold.items.slice();
  const toolRows = new Map(fold.toolRows);
  const approvalRows = new Map(fold.approvalRows);
  const questionRows = new Map(fold.questionRows);
  const scriptRows = new Map(fold.scriptRows);
  let activeErrorKey = fold.activeErrorKey;

  // A tool card, or the question card of an `ask_user` call: both follow the call's status and result.
  const updateTool = <Changed extends ToolCallItem | QuestionItem>(callId: string, change: (item: ToolCallItem | QuestionItem) => Changed) => {
    const index = toolRows.get(callId);
    // A call whose start lies in a page not loaded yet: it appears whole once that page is.
    if (index === undefined) return;
    items[index] = change(items[index] as ToolCallItem | QuestionItem);
  };

  for (const event of events) {
    // A marker on earlier text does not make an error card stale.
    if (event.kind !== 'status' && event.kind !== 'answer_incomplete') activeErrorKey = null;
    switch (event.kind) {
      case 'user_message':
        items.push({ kind: 'user', key: `user:${event.seq}`, text: event.text, at: event.at, command: event.command ?? null });
        break;
      case 'command_output':
        items.push({ kind: 'commandOutput', key: `command:${event.seq}`, name: event.name, arguments: event.arguments, text: event.text, tasks: event.tasks });
        break;
      case 'context_cleared':
        items.push({ kind: 'cleared', key: `cleared:${event.seq}` });
        break;
      case 'rules_loaded':
        items.push({ kind: 'rules', key: `rules:${event.seq}`, trigger: event.trigger, path: event.path, rules: event.rules, warnings: event.warnings });
        break;
      case 'assistant_text': {
        const last = items.at(-1);
        // Pieces of one step arrive in order with nothing in between; a retry closes the attempt.
        if (last?.kind === 'assistant' && last.step === event.step && last.discarded === null && last.incomplete === null) {
          items[items.length - 1] = { ...last, text: last.text + event.text };
        } else {
          items.push({ kind: 'assistant', key: `assistant:${event.seq}`, step: event.step, text: event.text, discarded: null, incomplete: null });
        }
        break;
      }
      case 'answer_incomplete': {
        // Status lines may sit between the cut text and its marker; nothing else of the step does.
        const index = items.findLastIndex((item) => item.kind === 'assistant' && item.step === event.step && item.discarded === null);
        const cut = items[index];
        if (cut?.kind === 'assistant') items[index] = { ...cut, incomplete: event.reason };
        break;
      }
      case 'retry': {
        const last = items.at(-1);
        const retry = { attempt: event.attempt, delayMs: event.delayMs, message: event.message };
        if (last?.kind === 'assistant' && last.discarded === null) items[items.length - 1] = { ...last, discarded: retry };
        else items.push({ kind: 'retry', key: `retry:${event.seq}`, retry });
        break;
      }
      case 'tool_call':
        toolRows.set(event.callId, items.length);
        if (event.name === 'ask_user') {
          questionRows.set(event.callId, items.length);
          items.push(questionItem(`question:${event.seq}`, event.callId, event.args, false));
          break;
        }
        items.push({
          kind: 'tool',
          key: `tool:${event.seq}`,
          callId: event.callId,
          name: event.name,
          args: event.args,
          status: 'pending',
          outputTail: '',
          outputClipped: false,
          result: null,
          approval: null,
          decidedBy: null,
          title: null,
          toolKind: null,
          diffs: [],
        });
        break;
      case 'tool_info':
        updateTool(event.callId, (item) =>
          item.kind === 'tool' ? { ...item, title: event.title, toolKind: event.toolKind, ...(event.args === undefined ? {} : { args: event.args }) } : item,
        );
        break;
      case 'file_diff':
        updateTool(event.callId, (item) =>
          item.kind === 'tool' ? { ...item, diffs: [...item.diffs, { path: event.path, oldText: event.oldText, newText: event.newText, truncated: event.truncated }] } : item,
        );
        break;
      case 'assistant_thought': {
        const last = items.at(-1);
        if (last?.kind === 'thought' && last.step === event.step) items[items.length - 1] = { ...last, text: last.text + event.text };
        else items.push({ kind: 'thought', key: `thought:${event.seq}`, step: event.step, text: event.text });
        break;
      }
      case 'engine_session':
        items.push({ kind: 'engineSession', key: `engineSession:${event.seq}`, how: event.how, agent: event.agent, version: event.version });
        break;
      case 'permission':
        updateTool(event.callId, (item) => (item.kind === 'tool' ? { ...item, decidedBy: { decision: event.decision, rule: event.rule, source: event.source } } : item));
        break;
      case 'tool_status':
        updateTool(event.callId, (item) => ({ ...item, status: event.status }));
        break;
      case 'tool_output':
        updateTool(event.callId, (item) => {
          if (item.kind !== 'tool') return item;
          const next = tail(item.outputTail + event.chunk);
          return { ...item, outputTail: next.text, outputClipped: item.outputClipped || next.clipped };
        });
        break;
      case 'tool_result':
        updateTool(event.callId, (item) => ({
          ...item,
          // The result is final even if its status line was lost to a page boundary.
          status: item.status === 'pending' || item.status === 'running' || item.status === 'awaiting_input' ? (event.isError ? 'error' : 'done') : item.status,
          result: { isError: event.isError, text: event.text, durationMs: event.durationMs },
        }));
        break;
      case 'question': {
        const earlier = questionRows.get(event.callId);
        const card = earlier === undefined ? undefined : items[earlier];
        const asked = questionItem(`question:${event.seq}`, event.callId, event, true);
        if (card?.kind === 'question' && !card.asked) {
          items[earlier!] = { ...card, question: asked.question, choices: asked.choices, asked: true, status: 'awaiting_input' };
          break;
        }
        // Asked again after a resume (or its call is in a page not loaded): a card at the end, where the user looks.
        if (card?.kind === 'question') items[earlier!] = { ...card, superseded: card.answer === null };
        questionRows.set(event.callId, items.length);
        toolRows.set(event.callId, items.length);
        items.push(asked);
        break;
      }
      case 'answer': {
        const index = questionRows.get(event.callId);
        const card = index === undefined ? undefined : items[index];
        if (card?.kind === 'question') items[index!] = { ...card, answer: event.answer };
        break;
      }
      case 'plan_version':
        items.push({ kind: 'plan', key: `plan:${event.seq}`, version: event.version, author: event.author });
        break;
      case 'review_version':
        items.push({ kind: 'review', key: `review:${event.seq}`, version: event.version, verdict: event.verdict, findings: event.findings, fixed: event.fixed });
        break;
      case 'plan_decision':
        items.push({ kind: 'planDecision', key: `planDecision:${event.seq}`, version: event.version, decision: event.decision, message: event.message });
        break;
      case 'approval_request': {
        const earlier = approvalRows.get(event.callId);
        if (earlier !== undefined) items[earlier] = withApproval(items[earlier], (stale) => (stale.outcome.kind === 'pending' ? { ...stale, outcome: { kind: 'superseded' } } : stale));
        const approval: ApprovalItem = {
          kind: 'approval',
          key: `approval:${event.seq}`,
          callId: event.callId,
          name: event.name,
          args: event.args,
          reason: event.reason,
          rule: event.rule ?? null,
          source: event.source ?? null,
          suggestedRule: event.suggestedRule ?? null,
          outcome: { kind: 'pending' },
        };
        // The first request goes on the call's own card, above what the call then does; one
        // asked again after a resume goes at the end, where the user is looking.
        const toolIndex = toolRows.get(event.callId);
        if (toolIndex !== undefined && earlier === undefined) {
          items[toolIndex] = { ...(items[toolIndex] as ToolCallItem), approval };
          approvalRows.set(event.callId, toolIndex);
        } else {
          approvalRows.set(event.callId, items.length);
          items.push(approval);
        }
        break;
      }
      case 'approval_decision': {
        const index = approvalRows.get(event.callId);
        if (index === undefined) break;
        const outcome: ApprovalItem['outcome'] = event.approved ? { kind: 'approved', savedRule: event.savedRule ?? null } : { kind: 'denied', reason: event.reason };
        items[index] = withApproval(items[index], (approval) => ({ ...approval, outcome }));
        break;
      }
      case 'usage':
        items.push({
          kind: 'usage',
          key: `usage:${event.seq}`,
          step: event.step,
          model: event.model,
          inputTokens: event.inputTokens,
          outputTokens: event.outputTokens,
          cachedTokens: event.cachedTokens,
          costUsd: event.costUsd,
        });
        break;
      case 'error':
        activeErrorKey = `error:${event.seq}`;
        items.push({ kind: 'error', key: activeErrorKey, message: event.message, code: event.code, retryable: event.retryable });
        break;
      case 'status':
        if (!silentStatuses.has(event.status)) {
          items.push({ kind: 'status', key: `status:${event.seq}`, status: event.status, reason: event.reason });
        }
        break;
      case 'todos':
        items.push({ kind: 'todos', key: `todos:${event.seq}`, todos: event.todos });
        break;
      case 'compaction':
        items.push({ kind: 'compaction', key: `compaction:${event.seq}`, summary: event.summary });
        break;
      case 'workspace_files':
        items.push({ kind: 'workspaceFiles', key: `files:${event.seq}`, mode: event.mode, brought: event.copied, more: event.more, skipped: event.skipped });
        break;
      case 'script_started':
        scriptRows.set(event.runId, items.length);
        items.push({
          kind: 'script',
          key: `script:${event.seq}`,
          runId: event.runId,
          script: event.script,
          source: event.source,
          commands: event.commands,
          terminalId: event.terminalId ?? null,
          outputTail: '',
          outputClipped: false,
          ended: null,
        });
        break;
      case 'script_output':
      case 'script_ended': {
        const index = scriptRows.get(event.runId);
        const card = index === undefined ? undefined : items[index];
        // A run whose start lies in a page not loaded yet appears whole once that page is.
        if (card?.kind !== 'script') break;
        if (event.kind === 'script_ended') {
          items[index!] = { ...card, ended: { outcome: event.outcome, exitCode: event.exitCode } };
        } else {
          const next = tail(card.outputTail + event.chunk);
          items[index!] = { ...card, outputTail: next.text, outputClipped: card.outputClipped || next.clipped };
        }
        break;
      }
    }
  }
  return { items, toolRows, approvalRows, questionRows, scriptRows, activeErrorKey };
}

/**
 * The assistant message that was streaming before a batch and is finished after it (a tool
 * call, usage or status followed it): what a screen reader is told about, once.
 */
export function completedAssistantText(before: TimelineFold, after: TimelineFold): string | null {
  const streaming = before.items.at(-1);
  if (streaming?.kind !== 'assistant') return null;
  const now = after.items[before.items.length - 1];
  if (now?.kind !== 'assistant' || now.discarded !== null || now.incomplete !== null || after.items.length === before.items.length) return null;
  return now.text;
}
