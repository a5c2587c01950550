import type { Task } from '../../../src-shared/contract';
import type { AgentServiceOptions } from './agent-service-options';
import { createAskUserTool } from './ask-user';
import type { LoopTool } from './loop-tools';

/**
 * One run's loop tools, whichever engine runs it (Braid's loop calls them directly, an external
 * agent through Braid's tools server): `ask_user` and the other services' (`submit_plan`, …).
 */
export async function runLoopTools(options: Pick<AgentServiceOptions, 'loopTools'>, task: Task, askUser: (callId: string, signal: AbortSignal) => Promise<string>): Promise<LoopTool[]> {
  return [createAskUserTool(askUser), ...((await options.loopTools?.(task)) ?? [])];
}
