import type { ScriptedTurn } from '../../testing/scripted-model-server';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

/** The review tests' work: a greeting with a bug at line 2, the same fixed, and the review of it. */
export const buggy = "export function greet(name: string): string {\n  return 'Hello ' + nme;\n}\n";
export const fixed = "export function greet(name: string): string {\n  return 'Hello ' + name;\n}\n";

export const write = (content: string): ScriptedTurn => ({ text: 'Writing the greeting.', toolCalls: [{ name: 'write_file', args: { path: 'src/greet.ts', content } }] });
export const submit = (review: unknown): ScriptedTurn => ({ text: 'Submitting my review.', toolCalls: [{ name: 'submit_review', args: review }] });
export const p1AtLine2 = {
  title: 'greet() returns an undefined name',
  priority: 'P1',
  confidence: 0.9,
  file: 'src/greet.ts',
  lineStart: 2,
  lineEnd: 2,
  body: '`nme` is not defined: every greeting throws a ReferenceError.',
  suggestedFix: "return 'Hello ' + name;",
};

type World = Awaited<ReturnType<typeof agentWorld>>;

/** An implement task that wrote src/greet.ts with a bug, done; the project's review gate set to `mode`. */
export async function implementedGreeting(gate: 'off' | 'warn' | 'block' = 'block') {
  const world = await agentWorld();
  expectOk(world.services.pipelineSettings.set(world.project.id, { reviewGate: gate }));
  return { world, implement: await greetingImplemented(world) };
}

/** In `world`: an implement task that wrote src/greet.ts with a bug, done. */
export async function greetingImplemented(world: World) {
  world.server.enqueue(write(buggy), { text: 'The greeting is in.' });
  const implement = await world.createTask('Greeting', 'Add a greet(name) function in src/greet.ts');
  await world.waitForStatus(implement.id, 'done');
  return world.task(implement.id);
}

/** A review of the task that finds nothing, run to its end: a second task on the task's workspace. */
export async function reviewedClean(world: World, taskId: string) {
  world.server.enqueue(submit({ verdict: 'correct', explanation: 'Fine.', confidence: 0.9, findings: [] }));
  const review = expectOk(await world.services.reviews.start({ taskId }));
  await world.waitForStatus(review.id, 'done');
  return world.task(review.id);
}
