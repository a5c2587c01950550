import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import type { TaskStatus, TimelineEventBody } from '../../../src-shared/contract';
import type { PermissionDecision } from './permission-policy';
import type { ToolDefinition } from './toolset';

/** What a loop tool may do to the run while it handles a call. */
export interface LoopToolContext {
  callId: string;
  /** Stop: a wait for the user ends here (the promise rejects with the signal's reason). */
  signal: AbortSignal;
  record(body: TimelineEventBody): void;
  setStatus(status: TaskStatus, reason: string | null): void;
  /** How the permission policy decided this call (only for a tool that is `checked`). */
  decision?: PermissionDecision;
}

/** How a run that a tool ended is recorded: the same as the loop's own outcomes (`done` with what was handed in: "Review v2: incorrect, 1 P1"). */
export type EndedRun = { kind: 'plan_review'; reason: string } | { kind: 'done'; reason: string } | { kind: 'failed'; reason: string; code: string };

export type LoopToolOutcome =
  /** The result goes back to the model and the loop carries on. */
  | { kind: 'result'; isError: boolean; text: string }
  /**
   * The result is recorded and the run ends with `run` (a plan or a review submitted, or too
   * many invalid tries): the step's calls after this one are not run, each recorded as cancelled.
   */
  | { kind: 'end'; isError: boolean; text: string; run: EndedRun };

/**
 * A tool the agent loop handles itself rather than the workspace's MCP server, because it talks
 * to the user or decides how the run goes on: `ask_user` (the run waits for an answer),
 * `submit_plan` (the run ends at the plan gate) and `submit_review` (the run ends with the
 * review stored). One instance per run, so it may count.
 */
export interface LoopTool {
  definition: ToolDefinition;
  run(args: unknown, context: LoopToolContext): Promise<LoopToolOutcome>;
  /** The permission policy decides each call first (`delegate`: `Agent(name)` rules), as for the toolset's tools. */
  checked?: boolean;
  /**
   * The call waits for other runs (`delegate`: a subagent's): the step's calls of such tools
   * run together, after its other calls, and the task gives up its run slot while they wait.
   */
  waitsForOtherRuns?: boolean;
}

/** A loop tool's input schema as the model is given it: JSON Schema of what the zod schema accepts. */
export function toolInputSchema(schema: z.ZodType): JSONSchema7 {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as JSONSchema7 & { $schema?: string };
  return rest;
}
