import { parseArgs } from 'node:util';
import { startScriptedModelServer } from './index';

/**
 * Runs the scripted model server by hand, so Braid can be pointed at it without any provider:
 *
 *   npx tsx src-main/testing/scripted-model-server/cli.ts --port 8787 [--api-key KEY] [--models a,b] [--chunk-delay-ms 20]
 *   OPENAI_BASE_URL=http://127.0.0.1:8787/v1 OPENAI_API_KEY=KEY npm start
 *
 * Every request gets a short streamed text answer.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'api-key': { type: 'string' },
    models: { type: 'string' },
    'chunk-delay-ms': { type: 'string', default: '20' },
  },
});

const chunkDelayMs = Number(values['chunk-delay-ms']);
const server = await startScriptedModelServer({
  port: Number(values.port),
  apiKey: values['api-key'],
  models: values.models?.split(',').map((model) => model.trim()).filter(Boolean),
});
let answered = 0;
server.script((request) => {
  answered++;
  return { text: `Scripted reply ${answered} (${request.protocol}): hello from the scripted model server.`, chunkDelayMs };
});

console.log(`Scripted model server on ${server.url}`);
console.log(`  OpenAI-compatible: OPENAI_BASE_URL=${server.openaiBaseURL}`);
console.log(`  Anthropic:         ANTHROPIC_BASE_URL=${server.anthropicBaseURL}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
