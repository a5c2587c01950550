import type { Task, TimelineEvent } from '../../../src-shared/contract';
import type { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

/** What the subagent tests read off an agent world. */
export type World = Awaited<ReturnType<typeof agentWorld>>;

/** Every task of the world's project, subagents' included, oldest first. */
export const allTasks = (world: World): Task[] => expectOk(world.services.tasks.list(world.project.id));

/** The tasks a task's `delegate` calls started (one level). */
export const childrenOf = (world: World, parentId: string): Task[] => allTasks(world).filter((task) => task.parentTaskId === parentId);

/** The result of one tool call in a timeline, if it has one. */
export const resultOf = (events: readonly TimelineEvent[], callId: string) =>
  events.find((event): event is Extract<TimelineEvent, { kind: 'tool_result' }> => event.kind === 'tool_result' && event.callId === callId);

/** How long a test waits for what runs across agents (a loaded machine starts them slowly). */
export const waitLong = { timeout: 15_000, interval: 5 };
