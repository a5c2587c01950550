import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { runGitBytes, summariseGitError } from '../git/run-git';
import { fileMatcher } from './glob';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';

export const grepInput = {
  pattern: z.string().min(1).describe('Regular expression (Perl/PCRE syntax when git supports it, else POSIX extended).'),
  path: z.string().optional().describe('File or folder to search, relative to the workspace root. Default: the root.'),
  glob: z.string().optional().describe('Only search files matching this glob, e.g. "*.ts" or "src/**/*.tsx".'),
  ignore_case: z.boolean().optional().describe('Match without regard to case.'),
  max_results: z.number().int().min(1).max(2000).optional().describe('Stop after this many matching lines. Default 100.'),
};

const defaultMaxResults = 100;
const maxLineChars = 300;
const grepTimeoutMs = 30_000;

export function registerGrep(server: McpServer, context: WorkspaceToolContext): void {
  server.registerTool(
    'grep',
    {
      description:
        'Search file contents with a regular expression over the files git would show (.gitignore respected, binary files skipped). Output: "path:line: text".',
      inputSchema: grepInput,
      annotations: { readOnlyHint: true },
    },
    (input, extra) => guardTool('grep', () => grep(context, input, extra.signal)),
  );
}

interface GrepInput {
  pattern: string;
  path?: string;
  glob?: string;
  ignore_case?: boolean;
  max_results?: number;
}

async function grep(context: WorkspaceToolContext, input: GrepInput, signal: AbortSignal): Promise<CallToolResult> {
  const resolved = context.resolve(input.path ?? '.');
  if (!resolved.ok) return toolErrorFrom(resolved);
  const target = resolved.data;
  const shownTarget = context.display(target);
  const info = await stat(target).catch(() => undefined);
  if (!info) return toolError(`Not found: ${shownTarget}.`);

  const realRoot = context.resolve('.');
  if (!realRoot.ok) return toolErrorFrom(realRoot);
  const folderPrefix = info.isDirectory() && shownTarget !== '.' ? `${shownTarget}/` : '';
  const matchesGlob = input.glob ? fileMatcher(input.glob) : () => true;
  const request: GitGrepRequest = {
    cwd: realRoot.data,
    pattern: input.pattern,
    ignoreCase: input.ignore_case ?? false,
    pathspec: shownTarget === '.' ? [] : [`:(literal)${shownTarget}`],
    accept: (path) => matchesGlob(path.startsWith(folderPrefix) ? path.slice(folderPrefix.length) : path),
    maxResults: input.max_results ?? defaultMaxResults,
    signal,
  };

  let outcome = await runGitGrep(request, perlRegexSupported === false ? 'extended' : 'perl');
  if (outcome.kind === 'no-perl') {
    perlRegexSupported = false;
    outcome = await runGitGrep(request, 'extended');
  }
  if (outcome.kind === 'failed') return toolError(`grep failed: ${outcome.message}`);
  if (outcome.kind === 'no-perl') return toolError('grep failed: git cannot run regular expressions here.');
  if (outcome.lines.length === 0) return toolText(`No matches for ${JSON.stringify(input.pattern)}.`);
  const text = outcome.lines.join('\n');
  return toolText(
    outcome.stoppedEarly
      ? `${text}\n[stopped after ${outcome.lines.length} matches; narrow the pattern, path or glob, or raise max_results]`
      : text,
  );
}

/** Learned on first use: git built without PCRE answers `-P` with an error. */
let perlRegexSupported: boolean | undefined;

interface GitGrepRequest {
  cwd: string;
  pattern: string;
  ignoreCase: boolean;
  pathspec: string[];
  accept(path: string): boolean;
  maxResults: number;
  signal: AbortSignal;
}

type GitGrepOutcome =
  | { kind: 'matches'; lines: string[]; stoppedEarly: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'no-perl' };

/**
 * `git grep --untracked` searches tracked and untracked files minus ignored ones, skips
 * binaries (-I) and runs in its own process (started by the git spawner), so a pathological
 * pattern can be stopped by a timeout instead of freezing the host's event loop. Output is
 * read as it streams and git is stopped as soon as enough lines arrived.
 */
async function runGitGrep(request: GitGrepRequest, syntax: 'perl' | 'extended'): Promise<GitGrepOutcome> {
  const args = ['-c', 'core.quotepath=off', 'grep', '--untracked', '-I', '-n', '-z', '--no-color', syntax === 'perl' ? '-P' : '-E'];
  if (request.ignoreCase) args.push('-i');
  args.push('-e', request.pattern, '--', ...request.pathspec);
  const lines: string[] = [];
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let stoppedEarly = false;
  let timedOut = false;
  const stop = new AbortController();
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, grepTimeoutMs);
  const onAbort = () => stop.abort();
  request.signal.addEventListener('abort', onAbort, { once: true });
  const accept = (record: string) => {
    const line = formatRecord(record, request.accept);
    if (line === undefined) return;
    lines.push(line);
    if (lines.length >= request.maxResults) {
      stoppedEarly = true;
      stop.abort();
    }
  };
  const result = await runGitBytes(request.cwd, args, {
    readOnly: true,
    // The search speaks the user's language and regular expressions in their locale, as
    // before the spawner: its default C locale is for messages Braid parses.
    env: { LC_ALL: process.env.LC_ALL ?? '', LANGUAGE: process.env.LANGUAGE ?? '', GIT_PAGER: 'cat' },
    signal: stop.signal,
    onStdout: (chunk) => {
      if (stoppedEarly) return;
      pending += decoder.write(chunk);
      const records = pending.split('\n');
      pending = records.pop() ?? '';
      for (const record of records) {
        accept(record);
        if (stoppedEarly) return;
      }
    },
  });
  clearTimeout(timer);
  request.signal.removeEventListener('abort', onAbort);
  pending += decoder.end();
  if (!stoppedEarly && pending !== '') accept(pending);
  const stderr = result.stderr.slice(0, 10_000);
  if (stoppedEarly || result.code === 0 || result.code === 1) return { kind: 'matches', lines, stoppedEarly };
  if (timedOut) return { kind: 'failed', message: `the search took longer than ${grepTimeoutMs / 1000} s and was stopped` };
  if (request.signal.aborted) return { kind: 'failed', message: 'the search was cancelled' };
  if (syntax === 'perl' && /USE_LIBPCRE|perl-compatible/i.test(stderr)) return { kind: 'no-perl' };
  return { kind: 'failed', message: summariseGitError(stderr) };
}

/** `path\0line\0text` from `git grep -z -n`, as `path:line: text` when the path is wanted. */
function formatRecord(record: string, accept: (path: string) => boolean): string | undefined {
  const firstNul = record.indexOf('\0');
  const secondNul = record.indexOf('\0', firstNul + 1);
  if (firstNul === -1 || secondNul === -1) return undefined;
  const path = record.slice(0, firstNul);
  if (!accept(path)) return undefined;
  let text = record.slice(secondNul + 1);
  if (text.length > maxLineChars) text = `${text.slice(0, maxLineChars)}…`;
  return `${path}:${record.slice(firstNul + 1, secondNul)}: ${text}`;
}
