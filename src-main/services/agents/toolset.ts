import type { JSONSchema7 } from 'ai';

export interface ToolDefinition {
  /** As the model sees it: `read_file`, or `mcp__<server>__<tool>` for the user's servers. */
  name: string;
  description: string;
  inputSchema: JSONSchema7;
}

export interface ToolOutcome {
  /** What goes back to the model (already capped by the tool). */
  text: string;
  isError: boolean;
}

export interface ToolCallOptions {
  /** The model's id for this call; streamed output is reported under it. */
  callId: string;
  signal: AbortSignal;
  onOutput: (chunk: string) => void;
}

/** Where a toolset finds tools beyond the workspace's own (the user's MCP servers). */
export interface ExternalTools {
  definitions(): Promise<ToolDefinition[]>;
  handles(name: string): boolean;
  call(name: string, args: unknown, options: ToolCallOptions): Promise<ToolOutcome>;
  close(): Promise<void>;
}

/** The tools one task's agent can call: its workspace server plus the user's MCP servers. */
export interface AgentToolset {
  definitions(): Promise<ToolDefinition[]>;
  /** Never throws: failures, unknown tools and cancellation come back as error outcomes. */
  call(name: string, args: unknown, options: ToolCallOptions): Promise<ToolOutcome>;
  close(): Promise<void>;
}
