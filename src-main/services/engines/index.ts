import { fail, ok, type Engine, type EngineAvailability, type Result, type TaskRole } from '../../../src-shared/contract';
import { engineRoleRefusal } from '../../../src-shared/engines/engine-roles';
import { detectEngines, resolveEngineLaunch } from './detect-engines';

export { createAcpEngine, type AcpEngineOptions } from './acp/acp-engine';
export { createTuiEngine } from './tui/tui-engine';
export { routeExternalEngines } from './external-engines';
export { acpMcpServersFor } from './acp/acp-mcp-servers';
export type { CommandTerminal, CommandTerminals } from './acp/acp-terminals';

export interface EnginesService {
  /** The presets with whether each is installed here (detected afresh: PATH, `--version`). */
  list(): Promise<EngineAvailability[]>;
  /**
   * Whether a new task of `role` may be given this engine: an external agent must be installed
   * (`ENGINE_NOT_INSTALLED`) and able to hand in what the role must (`ENGINE_CANNOT_TAKE_ROLE`).
   */
  check(engine: Engine, role: TaskRole): Result<{ engine: Engine }>;
}

/** Which external agents can run here, and how to install those that cannot. */
export function createEnginesService(env: Record<string, string | undefined>): EnginesService {
  return {
    list: () => detectEngines(env),
    check(engine, role) {
      const refusal = engineRoleRefusal(engine, role);
      if (refusal) return fail('ENGINE_CANNOT_TAKE_ROLE', refusal);
      if (engine.kind === 'braid') return ok({ engine });
      const launch = resolveEngineLaunch(engine, env);
      return launch.ok ? ok({ engine }) : launch;
    },
  };
}
