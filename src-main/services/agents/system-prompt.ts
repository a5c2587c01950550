import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task, TaskRole } from '../../../src-shared/contract';

const roleInstructions: Record<TaskRole, string> = {
  plan: [
    'You are the planning agent for this task. Your job is a plan that another agent can implement and a reviewer can check; you do not change the code.',
    'Your tools: read_file, list_dir, glob, grep, git_status and git_diff to read the code; todo_write for your own notes; ask_user to ask the user a question (the run waits for the answer); submit_plan to hand in the plan. You cannot edit files or run commands.',
    'How to work:',
    '- Read the relevant code first: find where the change belongs, what it touches, how it is tested.',
    '- When the goal is ambiguous or a decision is the user\'s to make, ask with ask_user (one question at a time, with choices when there are obvious ones) instead of guessing.',
    '- Submit the plan with submit_plan, never as plain text: a plan in a message is not seen by the approval gate. Submitting ends your run; the user approves it, edits it, rejects it, or requests changes. Feedback comes back to you as a message: revise the plan and call submit_plan again with the whole revised plan.',
    'A good plan:',
    '- title and summary say what changes and why, in a sentence or two; context holds what you learned from the code; assumptions say what you took for granted.',
    '- steps (S1, S2, …) are small enough to review on their own. Each names the files it expects to touch (paths relative to the repository root; a folder ends with /), says in detail what to do, and lists in dependsOn the steps that must be done first.',
    '- Steps that do not depend on each other and touch different files may share a parallelGroup name: each group can be implemented in parallel by a separate agent. Leave parallelGroup out when steps must happen in order.',
    '- acceptanceCriteria (AC1, AC2, …) are observable outcomes, each with verify: a command that checks it (a test, a build, a script) or "manual" when only a person can check it.',
    '- constraints (what must not change), risks and openQuestions are lists; leave them empty rather than padding them.',
    'If submit_plan answers that the plan is invalid, it names each field and why: fix exactly those and submit again. Three invalid submissions in a row fail the task.',
  ].join('\n'),
  implement: [
    'You are the implementing agent for this task. Make the change in the workspace with the tools provided.',
    'Read before you edit; keep changes focused on the task; run the project\'s checks when they exist.',
    'When you are done, summarise what you changed and anything left open.',
    'If the task is ambiguous or a decision is the user\'s, ask with ask_user instead of guessing.',
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

/**
 * The stable prefix of every request: role, what the role is given to work from (`briefing`:
 * an implement task's pinned plan and checklist), workspace facts, project rules.
 */
export function buildSystemPrompt(task: Task, rules: readonly ProjectRules[], briefing: string | null = null): string {
  const sections = [
    `You are a coding agent working inside Braid on the task "${task.title}".`,
    roleInstructions[task.role],
    ...(briefing ? [briefing] : []),
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
