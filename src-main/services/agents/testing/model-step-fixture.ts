/**
 * A stand-in for the host, run as its own process by model-step-thread.test.ts
 * (`node --import tsx`): streams one model step on the model-step thread from a scripted model
 * server, closes the server, prints what it got, and then has nothing left to do.
 */
import { startScriptedModelServer } from '../../../testing/scripted-model-server';
import { createLanguageModel } from '../../models/create-language-model';
import { runModelStep } from '../model-step';

const server = await startScriptedModelServer();
server.enqueue({ text: 'Hello from the thread.' });
const model = createLanguageModel({ provider: { id: 'openai', kind: 'openai', baseURL: server.openaiBaseURL }, modelId: 'gpt-4o-mini', apiKey: 'sk-test' });
let text = '';
const result = await runModelStep({ model, promptCaching: false, system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }], tools: [], signal: new AbortController().signal, onText: (piece) => (text += piece) });
await server.close();
console.log(JSON.stringify({ text, finishReason: result.finishReason }));
