/**
 * A Braid host in its own process, for the crash tests: it opens `dataDir`, adds the
 * repository (unless the folder already has it), creates a task whose agent talks to the given model server, and says
 * `streaming <taskId>` on stdout once the agent's first words are stored (or
 * `<kind> <taskId>` once a timeline event of that kind is, e.g. `question`). The test then
 * kills it with SIGKILL, as a crash or a power cut would.
 *
 * Usage: node --import tsx agent-host-process.ts <dataDir> <repo> <baseURL> [openai|anthropic] [event kind]
 */
import { createServices } from '../services';

const [dataDir, repo, baseURL, protocol = 'openai', announceOn = 'assistant_text'] = process.argv.slice(2);
if (!dataDir || !repo || !baseURL || (protocol !== 'openai' && protocol !== 'anthropic')) {
  console.error('usage: agent-host-process.ts <dataDir> <repo> <baseURL> [openai|anthropic]');
  process.exit(2);
}
const env =
  protocol === 'openai'
    ? { OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'sk-test', BRAID_MODEL: 'openai:gpt-4o-mini' }
    : { ANTHROPIC_BASE_URL: baseURL, ANTHROPIC_API_KEY: 'sk-test', BRAID_MODEL: 'anthropic:claude-sonnet-4-5' };

let announced = false;
const services = createServices({
  dataDir,
  env,
  emit: (event, payload) => {
    if (announced || event !== 'agent.timeline') return;
    const { taskId, events } = payload as { taskId: string; events: { kind: string }[] };
    if (events.some((e) => e.kind === announceOn)) {
      announced = true;
      process.stdout.write(`${announceOn === 'assistant_text' ? 'streaming' : announceOn} ${taskId}\n`);
    }
  },
});
// A data folder prepared by the test (a trusted workspace config) already has the repository.
const added = services.projects.list().find((candidate) => candidate.path === repo);
const project = added ? { ok: true as const, data: added } : await services.projects.add(repo);
if (!project.ok) throw new Error(project.error.message);
const created = await services.tasks.create({ projectId: project.data.id, title: 'Crash me', prompt: 'Write a long answer', role: 'implement' });
if (!created.ok) throw new Error(created.error.message);
// Keep running until killed.
setInterval(() => undefined, 60_000);
