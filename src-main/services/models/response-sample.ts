import type { FetchFunction } from './create-language-model';

/** What a provider endpoint last answered: enough to tell a user what came back, nothing more. */
export interface ResponseSample {
  /** The request URL without credentials, query or fragment (keys can travel there). */
  url: string;
  status: number;
  contentType: string | null;
  /** The first bytes of the body, up to `sampledBytes`. */
  head: Uint8Array;
  /** Body bytes that have passed through so far (all of them once the SDK has read to the end). */
  bytes: number;
}

/** A sampled response put safely into words, for an error message. */
export interface ResponseFacts {
  url: string;
  status: number;
  /** e.g. `text/html ("<!doctype html><title>Login</title>…")`; see `describeSampledBody`. */
  body: string;
}

export interface SamplingFetch {
  fetch: FetchFunction;
  /** The newest response this fetch returned, as far as the SDK has read it. */
  last(): ResponseFacts | undefined;
}

const sampledBytes = 512;

/**
 * Wraps a provider's fetch so the body bytes the SDK reads are counted and the first few kept.
 * The AI SDK reads a 200 response as an event stream and silently skips what is not one (an
 * HTML login page yields no events at all); this is how the agent can still say what came back.
 * One resolved model serves one run, whose requests never overlap, so "the newest" is the one.
 */
export function samplingFetch(inner: FetchFunction = globalThis.fetch, secrets: readonly string[] = []): SamplingFetch {
  let latest: ResponseSample | undefined;
  const fetch: FetchFunction = async (input, init) => {
    const response = await inner(input, init);
    const sample: ResponseSample = {
      url: withoutSecrets(input instanceof Request ? input.url : String(input)),
      status: response.status,
      contentType: response.headers.get('content-type'),
      head: new Uint8Array(0),
      bytes: 0,
    };
    latest = sample;
    if (!response.body) return response;
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (sample.head.byteLength < sampledBytes) {
          const head = new Uint8Array(Math.min(sampledBytes, sample.head.byteLength + chunk.byteLength));
          head.set(sample.head);
          head.set(chunk.subarray(0, head.byteLength - sample.head.byteLength), sample.head.byteLength);
          sample.head = head;
        }
        sample.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const sampled = new Response(response.body.pipeThrough(tap), { status: response.status, statusText: response.statusText, headers: response.headers });
    Object.defineProperty(sampled, 'url', { value: response.url });
    return sampled;
  };
  return {
    fetch,
    last: () => latest && { url: latest.url, status: latest.status, body: describeSampledBody(latest, secrets) },
  };
}

function withoutSecrets(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return '(unparseable URL)';
  }
}

const excerptChars = 120;

// C0/C1 controls and the bidirectional overrides that could reorder what the user reads.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;
const secretLike: [RegExp, string][] = [
  [/\b(sk|pk|rk|sess|key)-[A-Za-z0-9_-]{8,}/g, '[redacted]'],
  [/\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi, 'Bearer [redacted]'],
  [/\b(api[_-]?key|access[_-]?token|token|secret|password)(["']?\s*[:=]\s*["']?)[^\s"'&,;<]+/gi, '$1$2[redacted]'],
];

/** Replacement characters (invalid UTF-8) and control characters other than whitespace. */
function isUnreadable(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return char === '\ufffd' || code === 0x7f || (code < 0x20 && !'\t\n\r\f'.includes(char));
}

/**
 * A short, safe rendering of what a sampled body starts with: `text/html ("<!doctype html>…")`,
 * `application/octet-stream (300 bytes that are not text)`, `text/event-stream (empty body)`.
 * Control characters are dropped, whitespace collapsed, key-like strings and `secrets` redacted.
 */
export function describeSampledBody(sample: ResponseSample, secrets: readonly string[] = []): string {
  const type = sample.contentType?.split(';')[0]?.trim() || 'no content type';
  if (sample.bytes === 0) return `${type} (empty body)`;
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(sample.head);
  const unreadable = [...decoded].filter(isUnreadable).length;
  if (unreadable > decoded.length / 10) return `${type} (${sample.bytes} bytes that are not text)`;
  let text = decoded.replace(unsafeCharacters, ' ').replace(/\s+/g, ' ').trim();
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  for (const [pattern, replacement] of secretLike) text = text.replace(pattern, replacement);
  const cut = text.length > excerptChars || sample.bytes > sample.head.byteLength;
  return `${type} ("${[...text].slice(0, excerptChars).join('')}${cut ? '…' : ''}")`;
}
