import { z } from 'zod';

/**
 * A task's engine: who does the work in its worktree. Braid's own agent loop (the default), or an
 * external coding agent spoken to over the Agent Client Protocol (ACP v1 over stdio): one of the
 * presets Braid knows how to find and launch, or any ACP command the user enters. Chosen when the
 * task is created and kept with it.
 */
export const acpPresetIds = ['claude-code', 'codex', 'gemini'] as const;
export const acpPresetIdSchema = z.enum(acpPresetIds);
export type AcpPresetId = z.infer<typeof acpPresetIdSchema>;

/** An argument or program name: no NUL byte (it could not reach the program intact). */
const argument = z
  .string()
  .max(4096)
  .refine((value) => !value.includes('\0'), 'contains a NUL byte');

export const engineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('braid') }),
  /** A preset: the command is found on PATH when the task runs (so an update of the CLI is picked up). */
  z.object({ kind: z.literal('acp'), agent: acpPresetIdSchema }),
  /** Any program that speaks ACP on its standard input and output, run in the worktree. */
  z.object({ kind: z.literal('acp-command'), command: argument.pipe(z.string().trim().min(1, 'a command is required')), args: z.array(argument).max(64) }),
  /**
   * A CLI without ACP, run in a terminal of the task as its own TUI: its status is its process's
   * (running, exited), and there is no structured timeline. `{prompt}` in an argument is replaced
   * by the message that starts it (the task's prompt first).
   */
  z.object({ kind: z.literal('tui'), command: argument.pipe(z.string().trim().min(1, 'a command is required')), args: z.array(argument).max(64) }),
]);
export type Engine = z.infer<typeof engineSchema>;

export const braidEngine: Engine = { kind: 'braid' };

/** What the new-task dialog offers for one preset: whether it is installed, and if not, how to install it. */
export const engineAvailabilitySchema = z.object({
  agent: acpPresetIdSchema,
  label: z.string(),
  installed: z.boolean(),
  /** The version the CLI reports (`--version`), when it is installed and answered. */
  version: z.string().nullable(),
  /** The program Braid would start, as found on PATH. */
  command: z.string().nullable(),
  /** How to install what is missing, as a command line to paste. */
  install: z.string(),
  /** Why it cannot run, or what is worth knowing (e.g. "found claude-agent-acp but not claude"). */
  note: z.string().nullable(),
});
export type EngineAvailability = z.infer<typeof engineAvailabilitySchema>;

/** Placeholder in a TUI engine's arguments for the message that starts it. */
export const tuiPromptPlaceholder = '{prompt}';

/** A short name for the engine, as the task's badge and the audit say it. */
export function engineLabel(engine: Engine): string {
  switch (engine.kind) {
    case 'braid':
      return 'Braid agent';
    case 'acp':
      return acpPresetLabels[engine.agent];
    case 'acp-command':
    case 'tui':
      return engine.command.split('/').at(-1) ?? engine.command;
  }
}

export const acpPresetLabels: Record<AcpPresetId, string> = {
  'claude-code': 'Claude Code',
  codex: 'Codex',
  gemini: 'Gemini CLI',
};
