import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scripted-model-server';
import { describeSampledBody, samplingFetch, type ResponseSample } from './response-sample';

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(async () => {
  await server.close();
});

const sample = (body: string | Uint8Array, contentType: string | null = 'text/html'): ResponseSample => {
  const head = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return { url: 'http://127.0.0.1:1/v1/chat/completions', status: 200, contentType, head: head.subarray(0, 512), bytes: head.byteLength };
};

describe('samplingFetch', () => {
  it('passes the body through unchanged and remembers the start of it, the status and the URL without its query', async () => {
    const page = `<!doctype html><title>Login</title>${'x'.repeat(2_000)}`;
    server.enqueue({ fault: { kind: 'raw', contentType: 'text/html; charset=utf-8', body: page } });
    const sampler = samplingFetch(undefined, []);

    const response = await sampler.fetch(`${server.openaiBaseURL}/chat/completions?api-key=sk-in-the-query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [] }),
    });
    expect(await response.text()).toBe(page);
    expect(response.status).toBe(200);

    const facts = sampler.last();
    expect(facts?.url).toBe(`${server.openaiBaseURL}/chat/completions`);
    expect(facts?.status).toBe(200);
    expect(facts?.body).toMatch(/^text\/html \("<!doctype html><title>Login<\/title>x+…"\)$/);
  });
});

describe('describeSampledBody', () => {
  it('keeps about 120 characters, with control characters and bidi overrides dropped and whitespace collapsed', () => {
    const text = describeSampledBody(sample(`<html>\r\n\t<body>\u001b[31mred\u202e evil\u0000 ${'word '.repeat(60)}</body>`));
    expect(text.startsWith('text/html ("<html> <body> [31mred evil word word')).toBe(true);
    expect([...text].filter((char) => char.charCodeAt(0) < 0x20 || char === '\u202e')).toEqual([]);
    const excerpt = /\("(.*)…"\)$/.exec(text)?.[1] ?? '';
    expect(excerpt.length).toBe(120);
  });

  it('redacts the provider key and anything that looks like a key or token', () => {
    const text = describeSampledBody(
      sample('{"error":"bad key my-secret-key-123", "hint":"use sk-proj-abcdefghijklmnop", "auth":"Bearer eyJhbGciOi.payload", token=abc123def}'),
      ['my-secret-key-123'],
    );
    expect(text).not.toMatch(/my-secret-key-123|sk-proj-abcdefghijklmnop|eyJhbGciOi|abc123def/);
    expect(text).toContain('[redacted]');
  });

  it('names binary data and empty bodies instead of quoting them', () => {
    expect(describeSampledBody(sample(Uint8Array.from({ length: 64 }, (_, i) => (i * 151 + 7) % 256), 'application/octet-stream'))).toBe(
      'application/octet-stream (64 bytes that are not text)',
    );
    expect(describeSampledBody(sample('', 'text/event-stream; charset=utf-8'))).toBe('text/event-stream (empty body)');
    expect(describeSampledBody(sample('hello', null))).toBe('no content type ("hello")');
  });
});
