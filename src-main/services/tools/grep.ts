import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { summariseGitError } from '../git/run-git';
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
 * binaries (-I) and runs in its own process, so a pathological pattern can be stopped by
 * a timeout instead of freezing the host's event loop. Output is read as it streams and
 * git is stopped as soon as enough lines arrived.
 */
function runGitGrep(request: GitGrepRequest, syntax: 'perl' | 'extended'): Promise<GitGrepOutcome> {
  return new Promise((resolve) => {
    const args = ['-c', 'core.quotepath=off', 'grep', '--untracked', '-I', '-n', '-z', '--no-color', syntax === 'perl' ? '-P' : '-E'];
    if (request.ignoreCase) args.push('-i');
    args.push('-e', request.pattern, '--', ...request.pathspec);
    const child = spawn('git', args, {
      cwd: request.cwd,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const lines: string[] = [];
    let pending = '';
    let stderr = '';
    let stoppedEarly = false;
    let timedOut = false;
    const stop = () => child.kill('SIGTERM');
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, grepTimeoutMs);
    request.signal.addEventListener('abort', stop, { once: true });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stoppedEarly) return;
      pending += chunk;
      const records = pending.split('\n');
      pending = records.pop() ?? '';
      for (const record of records) {
        const line = formatRecord(record, request.accept);
        if (line === undefined) continue;
        lines.push(line);
        if (lines.length >= request.maxResults) {
          stoppedEarly = true;
          stop();
          return;
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 10_000) stderr += chunk;
    });
    child.on('error', (error) => finish({ kind: 'failed', message: `could not run git: ${error.message}` }));
    child.on('close', (code) => {
      if (!stoppedEarly && pending !== '') {
        const line = formatRecord(pending, request.accept);
        if (line !== undefined) lines.push(line);
      }
      if (stoppedEarly || code === 0 || code === 1) return finish({ kind: 'matches', lines, stoppedEarly });
      if (timedOut) return finish({ kind: 'failed', message: `the search took longer than ${grepTimeoutMs / 1000} s and was stopped` });
      if (request.signal.aborted) return finish({ kind: 'failed', message: 'the search was cancelled' });
      if (syntax === 'perl' && /USE_LIBPCRE|perl-compatible/i.test(stderr)) return finish({ kind: 'no-perl' });
      finish({ kind: 'failed', message: summariseGitError(stderr) });
    });

    let settled = false;
    function finish(outcome: GitGrepOutcome) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', stop);
      resolve(outcome);
    }
  });
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
