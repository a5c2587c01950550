import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { onTestFinished } from 'vitest';
import { createRepo, type FixtureRepo } from '../../testing/git-fixtures';
import { createWorkspaceToolServer, connectInMemory, type WorkspaceToolServerOptions } from '../tools/workspace-server';

export interface ToolReply {
  text: string;
  isError: boolean;
}

/**
 * A real repository with the workspace tool server rooted at it and a real MCP client
 * connected in memory; everything is closed and removed when the test finishes.
 */
export async function openWorkspace(
  options: { files?: Record<string, string>; server?: Partial<WorkspaceToolServerOptions> } = {},
) {
  const repo: FixtureRepo = createRepo({ files: options.files });
  onTestFinished(() => repo.cleanup());
  const streamed: Array<{ callId: string; chunk: string }> = [];
  const server = createWorkspaceToolServer({
    root: repo.path,
    onCommandOutput: (callId, chunk) => streamed.push({ callId, chunk }),
    ...options.server,
  });
  const client = await connectInMemory(server);
  onTestFinished(() => client.close());

  async function call(name: string, args: Record<string, unknown> = {}, requestOptions?: RequestOptions & { callId?: string }): Promise<ToolReply> {
    const result = await client.callTool(
      { name, arguments: args, ...(requestOptions?.callId ? { _meta: { 'braid/callId': requestOptions.callId } } : {}) },
      undefined,
      requestOptions,
    );
    const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
    return { text: content.map((part) => part.text ?? '').join('\n'), isError: result.isError === true };
  }

  return { repo, root: repo.path, client, server, call, streamed };
}
