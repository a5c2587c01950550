import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task, TaskRole } from '../../../src-shared/contract';

const roleInstructions: Record<TaskRole, string> = {
  plan: [
    'You are the planning agent for this task. Read the code; do not edit files.',
    'Produce a plan: numbered steps, constraints, and acceptance criteria someone else can verify.',
    'Ask a clarifying question when the task is ambiguous instead of guessing.',
  ].join('\n'),
  implement: [
    'You are the implementing agent for this task. Make the change in the workspace with the tools provided.',
    'Read before you edit; keep changes focused on the task; run the project\'s checks when they exist.',
    'When you are done, summarise what you changed and anything left open.',
  ].join('\n'),
  review: [
    'You are the reviewing agent for this task. Read the workspace\'s changes against their intent; do not edit files.',
    'Report findings with severity (P0/P1/P2), file and line, confidence, and an explanation.',
  ].join('\n'),
};

/** Project rule files read into the prompt, in order; each capped so one huge file cannot crowd out the task. */
const ruleFiles = ['AGENTS.md', 'CLAUDE.md', '.claude/CLAUDE.md'];
const maxRuleBytes = 32 * 1024;

export interface ProjectRules {
  file: string;
  text: string;
}

export async function readProjectRules(workspaceRoot: string): Promise<ProjectRules[]> {
  const rules: ProjectRules[] = [];
  for (const file of ruleFiles) {
    try {
      const raw = await readFile(join(workspaceRoot, file), 'utf8');
      const text = raw.length > maxRuleBytes ? `${raw.slice(0, maxRuleBytes)}\n[… ${file} truncated at ${maxRuleBytes} bytes]` : raw;
      if (text.trim()) rules.push({ file, text });
    } catch {
      // Absent rule files are normal.
    }
  }
  return rules;
}

/** The stable prefix of every request: role, workspace facts, project rules. */
export function buildSystemPrompt(task: Task, rules: readonly ProjectRules[]): string {
  const sections = [
    `You are a coding agent working inside Braid on the task "${task.title}".`,
    roleInstructions[task.role],
    [
      'Workspace:',
      `- Your working directory is a git worktree at ${task.workspace.path}; every tool path is relative to it and cannot leave it.`,
      `- You are on branch ${task.workspace.branch}, made from ${task.workspace.baseBranch}. The user's own checkout is elsewhere; do not try to reach it.`,
      '- Do not commit unless asked; the user reviews your diff before anything is merged.',
    ].join('\n'),
  ];
  for (const rule of rules) sections.push(`Project rules from ${rule.file}:\n\n${rule.text}`);
  return sections.join('\n\n');
}
