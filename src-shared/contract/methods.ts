import { z } from 'zod';
import {
  appInfoSchema,
  branchesSchema,
  idSchema,
  orphanSchema,
  projectSchema,
  taskRoleSchema,
  taskSchema,
} from './domain';

const pathInput = z
  .string()
  .min(1, 'a path is required')
  .max(4096, 'path is too long')
  .refine((p) => !p.includes('\0'), 'path contains a NUL byte');

const branchName = z
  .string()
  .min(1)
  .max(255)
  .refine((b) => !b.startsWith('-') && !b.includes('\0') && !/[\s~^:?*[\\]/.test(b) && !b.includes('..'), 'not a valid branch name');

const empty = z.object({}).strict();

/**
 * Every method the renderer may call, declared once. Input is validated at the transport
 * before any handler runs; output is validated too outside production.
 */
export const methods = {
  'app.info': { input: empty, output: appInfoSchema },

  'projects.list': { input: empty, output: z.array(projectSchema) },
  'projects.add': { input: z.object({ path: pathInput }).strict(), output: projectSchema },
  'projects.remove': { input: z.object({ projectId: idSchema }).strict(), output: z.object({ removed: z.literal(true) }) },
  'projects.branches': { input: z.object({ projectId: idSchema }).strict(), output: branchesSchema },
  /** Folder completion for the web-mode path field. */
  'projects.completePath': {
    input: z.object({ partial: z.string().max(4096) }).strict(),
    output: z.object({ entries: z.array(z.object({ path: z.string(), isRepository: z.boolean() })) }),
  },
  /** Native folder dialog; `UNSUPPORTED` in web mode. */
  'projects.pickFolder': { input: empty, output: z.object({ path: z.string().nullable() }) },

  'tasks.list': { input: z.object({ projectId: idSchema }).strict(), output: z.array(taskSchema) },
  'tasks.create': {
    input: z
      .object({
        projectId: idSchema,
        title: z.string().trim().min(1, 'a title is required').max(200),
        prompt: z.string().max(100_000).default(''),
        role: taskRoleSchema.default('implement'),
        baseBranch: branchName.optional(),
      })
      .strict(),
    output: taskSchema,
  },
  /** Refuses with `WORKSPACE_HAS_WORK` (details: WorkAtRisk) unless `force` is set. */
  'tasks.delete': {
    input: z.object({ taskId: idSchema, force: z.boolean().default(false), keepBranch: z.boolean().default(false) }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  },
  'workspaces.recreate': { input: z.object({ taskId: idSchema }).strict(), output: taskSchema },
  'workspaces.orphans': { input: z.object({ projectId: idSchema }).strict(), output: z.array(orphanSchema) },
  'workspaces.removeOrphan': {
    input: z.object({ projectId: idSchema, path: pathInput }).strict(),
    output: z.object({ removed: z.literal(true) }),
  },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after validation (defaults applied). */
export type MethodArgs<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
