import type { AcpPresetId } from '../../../src-shared/contract';

/**
 * How Braid finds and drives one external agent it has a preset for. The program is looked up
 * on PATH when a task runs; `companion` is a CLI the adapter drives when the user has it (passed
 * in `companionVariable`, so the adapter uses the user's own install and login).
 */
export interface AcpPreset {
  id: AcpPresetId;
  /** The program that speaks ACP on stdio, in the order tried (a renamed adapter's old name last). */
  programs: readonly string[];
  args: readonly string[];
  companion?: { program: string; variable: string };
  /** What the user pastes to install what is missing. */
  install: string;
  /**
   * Session modes (`session/set_mode`) in which the agent asks the client before edits and
   * commands, so Braid's permission rules decide them; the first one the agent offers is set.
   * `plan` is for a planning task (read-only).
   */
  modes: { ask: readonly string[]; plan: readonly string[] };
  /** `_meta` of `session/new` and `session/load` the agent reads. */
  sessionMeta?: Record<string, unknown>;
}

export const acpPresets: Record<AcpPresetId, AcpPreset> = {
  'claude-code': {
    id: 'claude-code',
    // The adapter bundles the Claude Agent SDK (and its own Claude Code binary); the user's own
    // `claude` is used when it is on PATH. Renamed twice: @zed-industries/claude-code-acp, then
    // @zed-industries/claude-agent-acp, now @agentclientprotocol/claude-agent-acp.
    programs: ['claude-agent-acp', 'claude-code-acp'],
    args: [],
    companion: { program: 'claude', variable: 'CLAUDE_CODE_EXECUTABLE' },
    install: 'npm install -g @agentclientprotocol/claude-agent-acp @anthropic-ai/claude-code',
    // "default" is Claude Code's Manual mode: it asks before every edit and command.
    modes: { ask: ['default'], plan: ['plan'] },
    // Braid's rules decide; the adapter must never offer to skip them (it refuses as root anyway).
    sessionMeta: { claudeCode: { options: { allowDangerouslySkipPermissions: false } } },
  },
  codex: {
    id: 'codex',
    // The adapter bundles a compatible Codex; the user's own `codex` is used when it is on PATH.
    programs: ['codex-acp'],
    args: [],
    companion: { program: 'codex', variable: 'CODEX_PATH' },
    install: 'npm install -g @agentclientprotocol/codex-acp',
    // "read-only" asks for approval before edits and network; "agent" would approve by itself.
    modes: { ask: ['read-only'], plan: ['read-only'] },
  },
  gemini: {
    id: 'gemini',
    programs: ['gemini'],
    // `--experimental-acp` is deprecated since Gemini CLI 0.33 and prints a warning.
    args: ['--acp'],
    install: 'npm install -g @google/gemini-cli',
    modes: { ask: ['default'], plan: ['plan', 'default'] },
  },
};
