import { z } from 'zod';
import { timelineEventSchema } from './agent';
import { backgroundServiceSchema } from './commands';
import { idSchema, orphanSchema, projectSchema, storageTroubleSchema, taskSchema } from './domain';
import { radarSchema } from './merge';
import { planVersionStatusSchema } from './plans';
import { reviewCommentSchema, workspaceDiffSchema } from './review';
import { notificationEvents } from './notifications';
import { mcpServerStatusSchema } from './settings';
import { terminalEvents } from './terminals';

/** Every event the host pushes to the renderer, declared once. */
export const events = {
  'projects.changed': z.object({ projects: z.array(projectSchema) }),
  /** The database started refusing writes (`trouble`), or accepts them again (`null`). */
  'app.storageTrouble': z.object({ trouble: storageTroubleSchema.nullable() }),
  'tasks.changed': z.object({ task: taskSchema }),
  'tasks.removed': z.object({ projectId: idSchema, taskId: idSchema }),
  'workspaces.orphansChanged': z.object({ projectId: idSchema, orphans: z.array(orphanSchema) }),
  /** New timeline events of one task, already stored, in order (batched while streaming). */
  'agent.timeline': z.object({ taskId: idSchema, events: z.array(timelineEventSchema) }),
  'mcp.status': z.object({ status: mcpServerStatusSchema }),
  /** A watched workspace's file list changed (only for the visible task, or when asked). */
  'review.diffChanged': z.object({ taskId: idSchema, diff: workspaceDiffSchema }),
  /** A task's comments changed (sent, addressed after an agent turn, ...). */
  'review.commentsChanged': z.object({ taskId: idSchema, comments: z.array(reviewCommentSchema) }),
  /** The project's radar was recomputed because a workspace or a base branch moved. */
  'radar.changed': z.object({ projectId: idSchema, radar: radarSchema }),
  /** A task's services started, ended or printed more (output changes at most once a second). */
  'commands.servicesChanged': z.object({ taskId: idSchema, services: z.array(backgroundServiceSchema) }),
  /**
   * A plan version was added or decided: enough to say "Plan v2 of <task> awaits approval" in a
   * notification; the versions themselves are read with `plans.list`.
   */
  'plans.changed': z.object({ projectId: idSchema, taskId: idSchema, version: z.number(), status: planVersionStatusSchema, title: z.string() }),
  /**
   * The progress of implement tasks of a plan task changed: tasks were created from it
   * (`plans.implement`) or an agent marked a step (`update_step`). Read it with `plans.progress`.
   */
  'plans.progressChanged': z.object({ projectId: idSchema, planTaskId: idSchema, taskIds: z.array(idSchema) }),
  /**
   * A task's reviews changed: a review submitted, a finding sent, dismissed, likely addressed,
   * moved with its lines, fixed or reopened. Read with `reviews.overview`.
   */
  'reviews.changed': z.object({ projectId: idSchema, reviewedTaskId: idSchema }),
  /**
   * A pipeline was created or one of its stages moved (a task created, started or finished, a
   * plan version or decision, a check, a review, a finding, a merge). Read it with `pipelines.get`.
   */
  'pipelines.changed': z.object({ projectId: idSchema, pipelineId: idSchema }),
  /** New audit entries of the project were stored (read them with `audit.list`). */
  'audit.changed': z.object({ projectId: idSchema }),
  ...notificationEvents,
  ...terminalEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
