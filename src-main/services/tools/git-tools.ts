import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { runGit, summariseGitError } from '../git/run-git';
import { truncateText } from './output-cap';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';

export const gitStatusInput = {};
export const gitDiffInput = {
  path: z.string().optional().describe('Limit the diff to this file or folder, relative to the workspace root.'),
  staged: z.boolean().optional().describe('Show staged changes (index against HEAD) instead of unstaged ones.'),
};

const maxStatusEntries = 500;
const maxDiffChars = 128 * 1024;
/** Paths as they are (no octal escapes for non-ASCII names), and nobody waits on a pager. */
const gitReadOptions = ['-c', 'core.quotepath=off', '--no-pager'];

export function registerGitTools(server: McpServer, context: WorkspaceToolContext, which: { status: boolean; diff: boolean } = { status: true, diff: true }): void {
  if (which.status) {
    server.registerTool(
      'git_status',
      {
        description: "Show the workspace's branch and changed, staged and untracked files (git status --porcelain).",
        inputSchema: gitStatusInput,
        annotations: { readOnlyHint: true },
      },
      () => guardTool('git_status', () => gitStatus(context)),
    );
  }
  if (!which.diff) return;
  server.registerTool(
    'git_diff',
    {
      description: 'Show uncommitted changes as a unified diff: unstaged by default, staged with staged=true. Untracked files are listed after it.',
      inputSchema: gitDiffInput,
      annotations: { readOnlyHint: true },
    },
    (input) => guardTool('git_diff', () => gitDiff(context, input)),
  );
}

async function gitStatus(context: WorkspaceToolContext): Promise<CallToolResult> {
  const root = context.resolve('.');
  if (!root.ok) return toolErrorFrom(root);
  const result = await runGit(root.data, [...gitReadOptions, 'status', '--porcelain=v1', '--branch', '--untracked-files=all'], { readOnly: true });
  if (result.code !== 0) return toolError(`git status failed: ${summariseGitError(result.stderr)}`);
  const [branchLine = '', ...entries] = result.stdout.split('\n').filter((line) => line !== '');
  const branch = branchLine.replace(/^## /, '');
  if (entries.length === 0) return toolText(`On ${branch}. Nothing to commit, the working tree is clean.`);

  const untracked = entries.filter((line) => line.startsWith('??')).length;
  const staged = entries.filter((line) => !line.startsWith('??') && line[0] !== ' ').length;
  const unstaged = entries.filter((line) => !line.startsWith('??') && line[1] !== ' ').length;
  const shown = entries.slice(0, maxStatusEntries);
  if (entries.length > shown.length) shown.push(`[${entries.length - shown.length} more entries not shown]`);
  const summary = `On ${branch}. ${staged} staged, ${unstaged} unstaged, ${untracked} untracked.`;
  return toolText(`${summary}\n${shown.join('\n')}`);
}

async function gitDiff(context: WorkspaceToolContext, input: { path?: string; staged?: boolean }): Promise<CallToolResult> {
  const root = context.resolve('.');
  if (!root.ok) return toolErrorFrom(root);
  const pathspec: string[] = [];
  if (input.path !== undefined) {
    const target = context.resolve(input.path);
    if (!target.ok) return toolErrorFrom(target);
    const shown = context.display(target.data);
    if (shown !== '.') pathspec.push(`:(literal)${shown}`);
  }

  const diffArgs = [...gitReadOptions, 'diff', '--no-color', '--no-ext-diff', ...(input.staged ? ['--staged'] : []), '--', ...pathspec];
  const [diff, others] = await Promise.all([
    runGit(root.data, diffArgs, { readOnly: true }),
    input.staged
      ? Promise.resolve(undefined)
      : runGit(root.data, [...gitReadOptions, 'ls-files', '--others', '--exclude-standard', '--', ...pathspec], { readOnly: true }),
  ]);
  if (diff.code !== 0) return toolError(`git diff failed: ${summariseGitError(diff.stderr)}`);

  const sections: string[] = [];
  if (diff.stdout.trim() !== '') {
    const { text, truncated } = truncateText(diff.stdout, maxDiffChars);
    sections.push(text.trimEnd());
    if (truncated) sections.push(`[diff cut at ${maxDiffChars / 1024} KB of ${Math.round(diff.stdout.length / 1024)} KB; pass path to see one file at a time]`);
  }
  const untracked = others?.code === 0 ? others.stdout.split('\n').filter(Boolean) : [];
  if (untracked.length > 0) {
    const listed = untracked.slice(0, maxStatusEntries);
    const more = untracked.length - listed.length;
    sections.push(`Untracked files (new, not in the diff; read them with read_file):\n${listed.join('\n')}${more > 0 ? `\n[${more} more]` : ''}`);
  }
  if (sections.length === 0) return toolText(input.staged ? 'No staged changes.' : 'No unstaged changes.');
  return toolText(sections.join('\n\n'));
}
