import type { ResponseFacts } from './response-sample';

/**
 * `not-a-stream`: nothing the SDK recognised came back (no text, no tool call, no finish
 * reason), e.g. an HTML page or random bytes with status 200. `empty`: the model said it was
 * calling tools and called none. `unfinished`: the stream ended with no finish reason
 * after some output. None of these is a step the agent can build on.
 */
export type UnusableAnswerKind = 'not-a-stream' | 'empty' | 'unfinished';

/** A 200 answer that is not a usable model step: transient (retried), then the task fails with it. */
export class UnusableAnswerError extends Error {
  override readonly name = 'UnusableAnswerError';

  constructor(
    readonly kind: UnusableAnswerKind,
    message: string,
  ) {
    super(message);
  }
}

export interface UnusableAnswerFacts {
  /** What the endpoint sent, when the model's fetch was sampled. */
  response?: ResponseFacts;
  finishReason?: string;
  /** Characters of text the stream carried before it ended. */
  textChars?: number;
}

/** The error with a message naming the endpoint and what came back. */
export function unusableAnswerError(kind: UnusableAnswerKind, facts: UnusableAnswerFacts): UnusableAnswerError {
  const { response } = facts;
  const endpoint = response ? `The model endpoint ${response.url}` : 'The model';
  switch (kind) {
    case 'not-a-stream':
      return new UnusableAnswerError(
        kind,
        response
          ? `${endpoint} answered ${response.status} with ${response.body} instead of a model stream.`
          : `${endpoint} answered without a model stream: no text, no tool call and no finish reason.`,
      );
    case 'empty':
      return new UnusableAnswerError(kind, `${endpoint} ended its answer (finish reason "${facts.finishReason ?? 'unknown'}") without any text or tool call.`);
    case 'unfinished':
      return new UnusableAnswerError(kind, `${endpoint} stopped streaming before the answer was finished (no finish reason after ${facts.textChars ?? 0} characters).`);
  }
}
