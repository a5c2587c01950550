import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServices, type Services } from '../../src-main/services';
import { createRepo, git } from '../../src-main/testing/git-fixtures';
import type { Task } from '../../src-shared/contract';

/**
 * The radar-10 fixture: a 3,000-file repository with 10 real task workspaces (made by the
 * services, as Braid makes them), each with committed and uncommitted edits, a few files
 * shared between workspaces on the same or different lines, and the base branch moved
 * afterwards so that some dry-run merges conflict. The expected radar is built alongside.
 */

export const repoFiles = 3_000;
export const workspaceCount = 10;
const linesPerFile = 60;

export const fileName = (i: number) => `src/pkg-${i % 12}/area-${Math.floor(i / 12) % 10}/module-${i}.ts`;
const lineText = (i: number, line: number, tag?: string) => `export const v${i}_${line} = ${tag === undefined ? line : `'${tag}'`};`;
/** File `i` with the given 1-based lines rewritten (the same tag on every edited line). */
export const fileBody = (i: number, edits: Record<number, string> = {}) =>
  Array.from({ length: linesPerFile }, (_, index) => `${lineText(i, index + 1, edits[index + 1])}\n`).join('');
const editLines = (lines: number[], tag: string): Record<number, string> => Object.fromEntries(lines.map((line) => [line, tag]));

/** Files only workspace k edits: 30 to 75 of them, from its own block of 100. */
export const ownFileCount = (k: number) => 30 + 5 * k;
export const ownFile = (k: number, j: number) => 100 * k + j;
const ownEdits = (k: number) => editLines([10, 11, 40], `w${k}`);

interface SharedEdit {
  file: number;
  workspace: number;
  lines: number[];
  committed: boolean;
}

/** Files two or more workspaces edit; `expectedPairs` below follows from these lines. */
const sharedEdits: SharedEdit[] = [
  { file: 2000, workspace: 0, lines: [20, 21, 22], committed: true },
  { file: 2000, workspace: 1, lines: [21, 22, 23], committed: false },
  { file: 2001, workspace: 0, lines: [5], committed: false },
  { file: 2001, workspace: 1, lines: [50], committed: true },
  { file: 2002, workspace: 2, lines: [30], committed: true },
  { file: 2002, workspace: 3, lines: [30], committed: true },
  { file: 2003, workspace: 2, lines: [1, 2, 3], committed: false },
  { file: 2003, workspace: 3, lines: [2], committed: true },
  { file: 2004, workspace: 4, lines: [10], committed: true },
  { file: 2004, workspace: 5, lines: [45], committed: false },
  { file: 2005, workspace: 6, lines: [15], committed: true },
  { file: 2005, workspace: 8, lines: [15], committed: false },
  { file: 2005, workspace: 9, lines: [55], committed: true },
];

export type ExpectedFile = { path: string; ranges: [number, number][]; wholeFile: boolean };
/** Keyed "a-b" by workspace number (a < b). */
export const expectedPairs: Record<string, ExpectedFile[]> = {
  '0-1': [
    { path: fileName(2000), ranges: [[21, 22]], wholeFile: false },
    { path: fileName(2001), ranges: [], wholeFile: false },
  ],
  '2-3': [
    { path: fileName(2002), ranges: [[30, 30]], wholeFile: false },
    { path: fileName(2003), ranges: [[2, 2]], wholeFile: false },
  ],
  '4-5': [{ path: fileName(2004), ranges: [], wholeFile: false }],
  '6-8': [{ path: fileName(2005), ranges: [[15, 15]], wholeFile: false }],
  '6-9': [{ path: fileName(2005), ranges: [], wholeFile: false }],
  '8-9': [{ path: fileName(2005), ranges: [], wholeFile: false }],
};

/** Edits on files the base branch changes after the workspaces were made. */
const againstBase: (SharedEdit & { baseLines: number[] })[] = [
  // Same lines as the base, committed: conflicts.
  { file: 2010, workspace: 6, lines: [25], committed: true, baseLines: [25] },
  // Same lines as the base but uncommitted: conflicts too (the radar sees working trees).
  { file: 2011, workspace: 7, lines: [33], committed: false, baseLines: [33] },
  // Same file, different lines: merges cleanly.
  { file: 2012, workspace: 8, lines: [5], committed: true, baseLines: [50] },
  { file: 2013, workspace: 3, lines: [7, 8], committed: true, baseLines: [8] },
];
/** Conflicting paths per workspace number (others merge cleanly). */
export const expectedConflicts: Record<number, string[]> = { 6: [fileName(2010)], 7: [fileName(2011)], 3: [fileName(2013)] };

export interface RadarWorkspaceFixture {
  repo: string;
  dataDir: string;
  projectId: string;
  /** Task of workspace k at index k. */
  tasks: Task[];
  /** Services with the radar's caches empty; close them when done. */
  openServices(): Services;
  /** The file the warm measurement edits (workspace 9's first own file), and its resting content. */
  warmFile: { path: string; body(tag?: string): string };
}

export async function buildRadarWorkspaces(base: string): Promise<RadarWorkspaceFixture> {
  const files: Record<string, string> = {};
  for (let i = 0; i < repoFiles; i++) files[fileName(i)] = fileBody(i);
  const repo = createRepo({ parent: base, files });
  const dataDir = join(base, 'data');
  const openServices = () => createServices({ dataDir, emit: () => undefined, env: {}, agents: { autoStart: false } });

  const services = openServices();
  const tasks: Task[] = [];
  let projectId: string;
  try {
    const added = await services.projects.add(repo.path);
    if (!added.ok) throw new Error(added.error.message);
    projectId = added.data.id;
    for (let k = 0; k < workspaceCount; k++) {
      const created = await services.tasks.create({ projectId, title: `Radar ${k}`, prompt: '', role: 'implement' });
      if (!created.ok) throw new Error(created.error.message);
      const task = await created.data.settled;
      if (task.workspace.state !== 'ready') throw new Error(`workspace ${k} failed: ${task.workspace.stateReason}`);
      tasks.push(task);
    }
  } finally {
    await services.close();
  }

  for (let k = 0; k < workspaceCount; k++) editWorkspace(tasks[k]!.workspace.path, k);

  // The base moves after the workspaces were made: the dry runs now merge into a newer main.
  const baseChanges: Record<string, string> = {};
  for (const edit of againstBase) baseChanges[fileName(edit.file)] = fileBody(edit.file, editLines(edit.baseLines, 'main'));
  for (let i = 2100; i < 2120; i++) baseChanges[fileName(i)] = fileBody(i, editLines([1, 30], 'main'));
  baseChanges['src/new/on-main.ts'] = 'export const fromMain = true;\n';
  repo.commit(baseChanges, 'main moves on');

  const warmPath = join(tasks[9]!.workspace.path, fileName(ownFile(9, 0)));
  return {
    repo: repo.path,
    dataDir,
    projectId,
    tasks,
    openServices,
    warmFile: { path: warmPath, body: (tag) => fileBody(ownFile(9, 0), tag === undefined ? ownEdits(9) : { ...ownEdits(9), 58: tag }) },
  };
}

/** Workspace k: its own files (half committed in two commits, half not), shared edits, two new files, one deletion. */
function editWorkspace(path: string, k: number): void {
  const write = (relative: string, content: string) => {
    mkdirSync(dirname(join(path, relative)), { recursive: true });
    writeFileSync(join(path, relative), content);
  };
  const commit = (message: string) => {
    git(path, 'add', '-A');
    git(path, 'commit', '-q', '-m', message);
  };
  const own = ownFileCount(k);
  const shared = [...sharedEdits, ...againstBase].filter((edit) => edit.workspace === k);

  for (let j = 0; j < own / 4; j++) write(fileName(ownFile(k, j)), fileBody(ownFile(k, j), ownEdits(k)));
  commit(`workspace ${k}: first part`);
  for (let j = Math.ceil(own / 4); j < own / 2; j++) write(fileName(ownFile(k, j)), fileBody(ownFile(k, j), ownEdits(k)));
  for (const edit of shared.filter((e) => e.committed)) write(fileName(edit.file), fileBody(edit.file, editLines(edit.lines, `w${k}`)));
  commit(`workspace ${k}: second part`);

  // Uncommitted: the rest of its own files, its uncommitted shared edits, new files and a deletion.
  for (let j = Math.ceil(own / 2); j < own; j++) write(fileName(ownFile(k, j)), fileBody(ownFile(k, j), ownEdits(k)));
  for (const edit of shared.filter((e) => !e.committed)) write(fileName(edit.file), fileBody(edit.file, editLines(edit.lines, `w${k}`)));
  for (let j = 0; j < 2; j++) write(`src/new/workspace-${k}/added-${j}.ts`, `export const added${k}_${j} = ${j};\n`);
  unlinkSync(join(path, fileName(ownFile(k, 99))));
}
