import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in for the GitHub CLI: `gh` cannot reach a server here, so tests put this executable
 * first on PATH. It records every call's arguments and answers the few commands Braid uses the
 * way gh does (`--version`, `auth status`, `pr list/create/view --json`), keeping the pull
 * requests it "opened" in a state file the test can change (a PR merged meanwhile, a login
 * that expired). Plain Node, no test runner: shared by unit tests and e2e.
 */
export interface StandInPullRequest {
  number: number;
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
  title: string;
  body: string;
  baseRefName: string;
  headRefName: string;
}

interface StandInState {
  loggedIn: boolean;
  next: number;
  pullRequests: StandInPullRequest[];
}

export interface GhStandIn {
  /** Put this folder first on PATH. */
  binDir: string;
  /** Every call's arguments, in order. */
  calls(): string[][];
  pullRequests(): StandInPullRequest[];
  setLoggedIn(loggedIn: boolean): void;
  setState(number: number, state: StandInPullRequest['state']): void;
  /** A pull request that is already there before Braid asks. */
  addPullRequest(pullRequest: Omit<StandInPullRequest, 'number' | 'url'>): StandInPullRequest;
}

const script = (stateFile: string, callsFile: string) => `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(callsFile)}, JSON.stringify(args) + '\\n');
const state = JSON.parse(fs.readFileSync(${JSON.stringify(stateFile)}, 'utf8'));
const save = () => fs.writeFileSync(${JSON.stringify(stateFile)}, JSON.stringify(state));
const option = (name) => { const at = args.indexOf(name); return at === -1 ? undefined : args[at + 1]; };
const fields = (pr) => { const wanted = (option('--json') || '').split(','); return Object.fromEntries(wanted.filter((key) => key in pr).map((key) => [key, pr[key]])); };
const fail = (text) => { process.stderr.write(text + '\\n'); process.exit(1); };
if (args[0] === '--version') { process.stdout.write('gh version 2.63.0 (braid test stand-in)\\n'); process.exit(0); }
if (args[0] === 'auth' && args[1] === 'status') {
  if (state.loggedIn) { process.stdout.write('github.com\\n  ✓ Logged in to github.com account braid-test\\n'); process.exit(0); }
  fail('You are not logged into any GitHub hosts. To log in, run: gh auth login');
}
if (args[0] === 'pr' && args[1] === 'list') {
  const head = option('--head'); const wantedState = (option('--state') || 'open').toUpperCase();
  const found = state.pullRequests.filter((pr) => pr.headRefName === head && (wantedState === 'ALL' || pr.state === wantedState));
  process.stdout.write(JSON.stringify(found.slice(0, Number(option('--limit') || 30)).map(fields)) + '\\n');
  process.exit(0);
}
if (args[0] === 'pr' && args[1] === 'create') {
  const head = option('--head');
  if (state.pullRequests.some((pr) => pr.headRefName === head && pr.state === 'OPEN')) fail('a pull request for branch "' + head + '" already exists');
  const number = state.next++;
  const pr = { number, url: 'https://github.com/braid-test/repo/pull/' + number, state: 'OPEN', isDraft: args.includes('--draft'), title: option('--title'), body: option('--body') || '', baseRefName: option('--base'), headRefName: head };
  state.pullRequests.push(pr); save();
  process.stdout.write('\\nCreating pull request for ' + head + ' into ' + pr.baseRefName + '\\n\\n' + pr.url + '\\n');
  process.exit(0);
}
if (args[0] === 'pr' && args[1] === 'view') {
  const target = args[2] || '';
  const pr = state.pullRequests.find((item) => String(item.number) === target || item.url === target || item.headRefName === target);
  if (!pr) fail('no pull requests found for branch "' + target + '"');
  process.stdout.write(JSON.stringify(fields(pr)) + '\\n');
  process.exit(0);
}
fail('unknown command "' + args.join(' ') + '" for "gh" (braid test stand-in)');
`;

export function createGhStandIn(folder: string): GhStandIn {
  const binDir = join(folder, 'bin');
  mkdirSync(binDir, { recursive: true });
  const stateFile = join(folder, 'gh-state.json');
  const callsFile = join(folder, 'gh-calls.jsonl');
  const read = (): StandInState => JSON.parse(readFileSync(stateFile, 'utf8')) as StandInState;
  const write = (state: StandInState) => writeFileSync(stateFile, JSON.stringify(state));
  write({ loggedIn: true, next: 1, pullRequests: [] });
  writeFileSync(callsFile, '');
  const executable = join(binDir, 'gh');
  writeFileSync(executable, script(stateFile, callsFile));
  chmodSync(executable, 0o755);
  return {
    binDir,
    calls: () =>
      readFileSync(callsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]),
    pullRequests: () => read().pullRequests,
    setLoggedIn(loggedIn) {
      write({ ...read(), loggedIn });
    },
    setState(number, prState) {
      const state = read();
      write({ ...state, pullRequests: state.pullRequests.map((pr) => (pr.number === number ? { ...pr, state: prState } : pr)) });
    },
    addPullRequest(pullRequest) {
      const state = read();
      const made = { ...pullRequest, number: state.next, url: `https://github.com/braid-test/repo/pull/${state.next}` };
      write({ ...state, next: state.next + 1, pullRequests: [...state.pullRequests, made] });
      return made;
    },
  };
}
