import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { BackgroundService as BackgroundServiceInfo } from '../../../src-shared/contract';
import type { TaskServices } from '../background/background-services';
import type { CommandConfinement } from '../sandbox/command-isolation';
import { defaultShell, hostEnvironmentWith } from './pty-command';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';

export const serviceToolNames = ['start_service', 'list_services', 'stop_service'] as const;

/** Added to `run_command`'s description when these tools exist. */
export const runCommandServicesHint = 'For a server or watcher that must keep running after the command returns, use start_service instead.';

const maxWaitMs = 120_000;
const serviceId = z.string().regex(/^service-\d{1,6}$/, 'a service id such as service-1, as start_service or list_services gave it');

export interface ServiceToolSettings {
  services: TaskServices;
  env: Record<string, string>;
  /** Asked at each start: the sandbox the service runs in, or null. */
  confinement?: () => CommandConfinement | null;
}

/**
 * `start_service`, `list_services`, `stop_service`: long-lived commands an agent starts on
 * purpose. They outlive the tool call (and the agent's turn), are listed on the task for the
 * user, and stop with the task.
 */
export function registerServiceTools(server: McpServer, context: WorkspaceToolContext, settings: ServiceToolSettings): void {
  server.registerTool(
    'start_service',
    {
      description: [
        'Start a long-running process that must keep running after this call returns, such as a dev server, a file watcher or a database, in a terminal in the workspace root.',
        'It is shown to the user as a running service of this task and keeps running until you stop it with stop_service, the user stops it, the task is stopped or deleted, or Braid quits; everything it starts is stopped with it.',
        'The call returns once ready_text appears in its output, or after wait_ms, with the output so far. Read its later output with list_services.',
        'Use run_command, not this, for anything that finishes by itself (builds, tests, scripts).',
      ].join(' '),
      inputSchema: {
        command: z.string().min(1).max(10_000).describe('A shell command line (bash), run in the workspace root, e.g. "npm run dev -- --port 5173".'),
        name: z.string().trim().min(1).max(60).optional().describe('A short label shown to the user, e.g. "dev server". Default: the command.'),
        ready_text: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('Return as soon as this text appears in the output, e.g. "Listening on" or "ready in".'),
        wait_ms: z
          .number()
          .int()
          .min(0)
          .max(maxWaitMs)
          .optional()
          .describe('How long to wait for ready_text (default 30 000), or without it how long to collect the first output (default 2 000).'),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
    },
    (input, extra) =>
      guardTool('start_service', async () => {
        const root = context.resolve('.');
        if (!root.ok) return toolErrorFrom(root);
        const shell = defaultShell();
        const started = await settings.services.start({
          name: input.name ?? shortLabel(input.command),
          command: input.command,
          argv: [shell.file, ...shell.args, input.command],
          cwd: root.data,
          env: hostEnvironmentWith(settings.env),
          confinement: settings.confinement?.() ?? null,
        });
        if (!started.ok) return toolErrorFrom(started);
        const service = started.data;
        const waitMs = input.wait_ms ?? (input.ready_text ? 30_000 : 2_000);
        const outcome = await service.waitFor(input.ready_text ?? null, waitMs, extra.signal);
        if (outcome === 'cancelled') {
          await settings.services.stop(service.id);
          return toolError(`Cancelled: ${service.id} was stopped.`);
        }
        const info = service.info();
        if (outcome === 'exited') {
          return toolError(`${service.id} ended at once (${endedText(info)}); it is listed as exited.\n${outputBlock(info)}`);
        }
        const heading =
          outcome === 'seen'
            ? `${service.id} is running (pid ${info.pid}); "${input.ready_text}" appeared in its output.`
            : input.ready_text
              ? `${service.id} is running (pid ${info.pid}), but "${input.ready_text}" has not appeared in its output after ${seconds(waitMs)}.`
              : `${service.id} is running (pid ${info.pid}).`;
        return toolText(`${heading} It keeps running; stop it with stop_service { "id": "${service.id}" }.\n${outputBlock(info)}`);
      }),
  );

  server.registerTool(
    'list_services',
    {
      description: 'List the services started with start_service for this task: whether each still runs, and its recent output.',
      inputSchema: {
        id: serviceId.optional().describe('Only this service, with all of its recent output kept.'),
      },
      annotations: { readOnlyHint: true },
    },
    (input) =>
      guardTool('list_services', async () => {
        const services = settings.services.list().filter((service) => input.id === undefined || service.id === input.id);
        if (input.id !== undefined && services.length === 0) return toolError(`There is no ${input.id}. ${known(settings.services.list())}`);
        if (services.length === 0) return toolText('No services are running for this task.');
        return toolText(services.map((service) => `${serviceLine(service)}\n${outputBlock(service, input.id === undefined ? 20 : undefined)}`).join('\n\n'));
      }),
  );

  server.registerTool(
    'stop_service',
    {
      description: 'Stop a service started with start_service, and everything it started. A service that already ended is taken off the list.',
      inputSchema: { id: serviceId.describe('The service, e.g. "service-1".') },
      annotations: { readOnlyHint: false, destructiveHint: true },
    },
    (input) =>
      guardTool('stop_service', async () => {
        const service = settings.services.get(input.id);
        if (!service) return toolError(`There is no ${input.id}. ${known(settings.services.list())}`);
        const before = service.info();
        const stopped = await settings.services.stop(input.id);
        if (!stopped.ok) return toolErrorFrom(stopped);
        return toolText(before.state === 'running' ? `Stopped ${input.id} (${before.name}) and everything it started.` : `${input.id} had already ended (${endedText(before)}); it is off the list now.`);
      }),
  );
}

function serviceLine(service: BackgroundServiceInfo): string {
  const state = service.state === 'running' ? `running, pid ${service.pid}` : endedText(service);
  return `${service.id} "${service.name}" (${state}, started ${new Date(service.startedAt).toISOString()}): ${service.command}`;
}

function endedText(service: BackgroundServiceInfo): string {
  return service.exitCode === null ? 'stopped by a signal' : `exit code ${service.exitCode}`;
}

/** The output as the model reads it; the last `lines` lines when given. */
function outputBlock(service: BackgroundServiceInfo, lines?: number): string {
  const text = service.recentOutput.trimEnd();
  if (text === '') return '(no output yet)';
  if (lines === undefined) return `Output:\n${text}`;
  const all = text.split('\n');
  return all.length <= lines ? `Output:\n${text}` : `Last ${lines} lines of output:\n${all.slice(-lines).join('\n')}`;
}

function known(services: BackgroundServiceInfo[]): string {
  return services.length === 0 ? 'This task has no services.' : `This task's services: ${services.map((service) => service.id).join(', ')}.`;
}

function shortLabel(command: string): string {
  const line = command.trim().split('\n')[0] ?? command;
  return line.length <= 60 ? line : `${line.slice(0, 57)}…`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('en-US')} s`;
}
