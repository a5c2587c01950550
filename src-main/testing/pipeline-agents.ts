/**
 * The agents of a whole pipeline as the scripted model server plays them, for the pipeline's
 * integration test, its e2e spec and the README screenshot: the planner, two implementers and
 * their reviewers, told apart by what each request says.
 */
import { revisedSamplePlan, samplePlan, submitPlanTurn } from './sample-plan';
import type { RecordedRequest, ScriptedModelServer, ScriptedTurn } from './scripted-model-server';

export const buggyDrawer = "export function openDrawer(side: string): string {\n  return 'drawer from the ' + sde;\n}\n";
export const fixedDrawer = "export function openDrawer(side: string): string {\n  return 'drawer from the ' + side;\n}\n";
export const drawerFindingTitle = 'openDrawer() names an undefined variable';
/** The repository the pipeline works on. */
export const pipelineRepoFiles = { 'README.md': '# app\n', 'src/nav.ts': 'export const items = [];\n' };

type Body = { messages: { role: string; content: unknown }[]; tools?: { function: { name: string } }[] };
export const messagesOf = (request: RecordedRequest) => (request.body as Body).messages;
export const systemOf = (request: RecordedRequest) => JSON.stringify(messagesOf(request).find((message) => message.role === 'system')?.content ?? '');
export const firstUserOf = (request: RecordedRequest) => JSON.stringify(messagesOf(request).find((message) => message.role === 'user')?.content ?? '');
export const lastOf = (request: RecordedRequest) => messagesOf(request).at(-1);
export const toolsOf = (request: RecordedRequest) => ((request.body as Body).tools ?? []).map((tool) => tool.function.name);

const implementerPrompts = ['Implement steps S1, S3', 'Implement step S2'] as const;

/**
 * Scripts every agent of the pipeline on `server`: the planner submits the sample plan, and the
 * revised one once asked for a drawer; the implementer of S1+S3 groups the navigation; the
 * implementer of S2 writes the drawer with a bug on line 2, and fixes that line when a finding
 * is sent to it; the reviewer of S1+S3 finds nothing; the reviewer of S2 reports a P1 at line 2,
 * and says it is fixed when asked to review again. Each implementer's first answer is held until
 * both have asked and `release` settles (default: at once): they work in parallel, or never.
 */
export function scriptPipelineAgents(server: ScriptedModelServer, release: Promise<unknown> = Promise.resolve()): void {
  let bothAsked!: () => void;
  const bothImplementersAsked = new Promise<void>((resolve) => (bothAsked = resolve));
  const held = Promise.all([bothImplementersAsked, release]);
  const asked = new Set<string>();
  server.script((request) => {
    const prompt = firstUserOf(request);
    for (const steps of implementerPrompts) if (prompt.includes(steps)) asked.add(steps);
    if (asked.size === implementerPrompts.length) bothAsked();
    return pipelineAgentTurn(request, held);
  });
}

function pipelineAgentTurn(request: RecordedRequest, held: Promise<unknown>): ScriptedTurn {
  const last = lastOf(request);
  const lastText = JSON.stringify(last?.content ?? '');
  if (last?.role !== 'user') return { text: 'Done.' };
  if (toolsOf(request).includes('submit_plan')) return lastText.includes('drawer') ? submitPlanTurn(revisedSamplePlan()) : submitPlanTurn(samplePlan());
  const system = systemOf(request);
  if (toolsOf(request).includes('submit_review')) {
    if (!system.includes('steps S2 of the approved plan')) {
      return { text: 'Looks right.', toolCalls: [{ name: 'submit_review', args: { verdict: 'correct', explanation: 'The groups are there.', confidence: 0.9, findings: [] } }] };
    }
    if (lastText.includes('Review the work again')) {
      const earlier = /- (\w+) \[P1/.exec(system)?.[1];
      return { text: 'The name is right now.', toolCalls: [{ name: 'submit_review', args: { verdict: 'correct', explanation: 'The drawer uses its side.', confidence: 0.95, findings: [], resolved: [{ findingId: earlier, fixed: true, note: 'uses side' }] } }] };
    }
    const finding = { title: drawerFindingTitle, priority: 'P1', confidence: 0.9, file: 'src/menu/drawer.ts', lineStart: 2, lineEnd: 2, body: '`sde` is not defined.', criterion: 'AC2', suggestedFix: "return 'drawer from the ' + side;" };
    return { text: 'The drawer throws.', toolCalls: [{ name: 'submit_review', args: { verdict: 'incorrect', explanation: 'openDrawer() names a variable that does not exist.', confidence: 0.9, findings: [finding] } }] };
  }
  const prompt = firstUserOf(request);
  if (prompt.includes('Implement steps S1, S3')) {
    return {
      heldUntil: held,
      text: 'Grouping.',
      toolCalls: [
        { name: 'update_step', args: { stepId: 'S1', status: 'in_progress' } },
        { name: 'write_file', args: { path: 'src/nav.ts', content: 'export const groups = ["Work", "Play", "Settings"];\n' } },
        { name: 'update_step', args: { stepId: 'S1', status: 'done', note: 'Three groups' } },
        { name: 'update_step', args: { stepId: 'S3', status: 'skipped', note: 'Covered already' } },
      ],
    };
  }
  if (prompt.includes('Implement step S2')) {
    if (lastText.includes('A review of your work found')) return { text: 'Fixing line 2.', toolCalls: [{ name: 'write_file', args: { path: 'src/menu/drawer.ts', content: fixedDrawer } }] };
    return {
      heldUntil: held,
      text: 'The drawer.',
      toolCalls: [
        { name: 'update_step', args: { stepId: 'S2', status: 'in_progress' } },
        { name: 'write_file', args: { path: 'src/menu/drawer.ts', content: buggyDrawer } },
        { name: 'update_step', args: { stepId: 'S2', status: 'done', note: 'Slides in from the left' } },
      ],
    };
  }
  return { text: 'Nothing to do.' };
}
