import { execFile } from 'node:child_process';
import { acpPresetIds, acpPresetLabels, engineLabel, fail, ok, type Engine, type EngineAvailability, type Result } from '../../../src-shared/contract';
import { acpPresets, type AcpPreset } from './engine-presets';
import { findOnPath } from '../processes/find-on-path';

type Environment = Record<string, string | undefined>;

/** What to start for a task's external agent. */
export interface EngineLaunch {
  /** The program (absolute, as found on PATH) and its arguments. */
  argv: string[];
  /** Added to the environment the agent inherits (the companion CLI's path). */
  env: Record<string, string>;
  /** For messages: "Claude Code", "my-agent". */
  label: string;
  preset: AcpPreset | null;
}

/**
 * The command line of a task's external agent, found on PATH now (so an update of the CLI is
 * picked up by the next run), or `ENGINE_NOT_INSTALLED` saying how to install it.
 */
export function resolveEngineLaunch(engine: Exclude<Engine, { kind: 'braid' }>, env: Environment): Result<EngineLaunch> {
  if (engine.kind === 'acp-command' || engine.kind === 'tui') {
    const program = findOnPath(engine.command, env);
    if (!program) return fail('ENGINE_NOT_INSTALLED', `${engine.command} was not found on PATH (${shortPath(env)}). Install it or give its full path.`);
    return ok({ argv: [program, ...engine.args], env: {}, label: engineLabel(engine), preset: null });
  }
  const preset = acpPresets[engine.agent];
  const label = acpPresetLabels[engine.agent];
  const program = firstFound(preset, env);
  if (!program) return fail('ENGINE_NOT_INSTALLED', `${label} cannot run here: ${preset.programs[0]} was not found on PATH. Install it with: ${preset.install}`);
  const companion = preset.companion && findOnPath(preset.companion.program, env);
  return ok({ argv: [program, ...preset.args], env: preset.companion && companion ? { [preset.companion.variable]: companion } : {}, label, preset });
}

/** Every preset with whether it is installed, its version, and how to install it when it is not. */
export async function detectEngines(env: Environment): Promise<EngineAvailability[]> {
  return Promise.all(
    acpPresetIds.map(async (id): Promise<EngineAvailability> => {
      const preset = acpPresets[id];
      const program = firstFound(preset, env);
      const label = acpPresetLabels[id];
      if (!program) return { agent: id, label, installed: false, version: null, command: null, install: preset.install, note: `${preset.programs[0]} is not on PATH.` };
      const version = await versionOf(program, env);
      const companion = preset.companion && findOnPath(preset.companion.program, env);
      const note = preset.companion
        ? companion
          ? `Uses your ${preset.companion.program} (${companion}).`
          : `${preset.companion.program} is not on PATH: the adapter uses the ${preset.companion.program} it bundles.`
        : null;
      return { agent: id, label, installed: true, version, command: program, install: preset.install, note };
    }),
  );
}

function firstFound(preset: AcpPreset, env: Environment): string | null {
  for (const name of preset.programs) {
    const found = findOnPath(name, env);
    if (found) return found;
  }
  return null;
}

/** `program --version`'s first line, or null when it does not answer within a few seconds. */
function versionOf(program: string, env: Environment): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(program, ['--version'], { env: env as NodeJS.ProcessEnv, timeout: 10_000, maxBuffer: 64 * 1024 }, (error, stdout) => {
      const line = String(stdout ?? '').trim().split('\n')[0]?.trim() ?? '';
      resolve(error || !line ? null : line.slice(0, 120));
    });
  });
}

function shortPath(env: Environment): string {
  const path = env.PATH ?? '';
  return path.length > 200 ? `PATH=${path.slice(0, 200)}…` : `PATH=${path}`;
}
