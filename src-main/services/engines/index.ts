import { ok, type Engine, type EngineAvailability, type Result } from '../../../src-shared/contract';
import { detectEngines, resolveEngineLaunch } from './detect-engines';

export { createAcpEngine, type AcpEngineOptions } from './acp/acp-engine';
export { createTuiEngine } from './tui/tui-engine';
export { routeExternalEngines } from './external-engines';
export { acpMcpServersFor } from './acp/acp-mcp-servers';
export type { CommandTerminal, CommandTerminals } from './acp/acp-terminals';

export interface EnginesService {
  /** The presets with whether each is installed here (detected afresh: PATH, `--version`). */
  list(): Promise<EngineAvailability[]>;
  /** Whether a new task may be given this engine: an external agent must be installed. */
  check(engine: Engine): Result<{ engine: Engine }>;
}

/** Which external agents can run here, and how to install those that cannot. */
export function createEnginesService(env: Record<string, string | undefined>): EnginesService {
  return {
    list: () => detectEngines(env),
    check(engine) {
      if (engine.kind === 'braid') return ok({ engine });
      const launch = resolveEngineLaunch(engine, env);
      return launch.ok ? ok({ engine }) : launch;
    },
  };
}
