/**
 * Provider errors carried between threads (model steps stream on a worker thread) with what
 * the host reads from them intact: the class as the AI SDK tests it (`APICallError.isInstance`
 * checks a `Symbol.for('vercel.ai.error…')` marker, which is copied), the standard class
 * (`TypeError` "terminated"), name (`AbortError`), message, stack, `cause` chains, and fields
 * such as `statusCode`, `responseHeaders` (Retry-After) and socket error `code`s. Structured
 * clone alone would keep only the message.
 */
import { UnusableAnswerError, type UnusableAnswerKind } from './unusable-answer';

export type Transferable = { error: TransferredError } | { value: unknown };

interface TransferredError {
  base: StandardErrorName;
  name: string;
  message: string;
  stack?: string;
  /** The AI SDK's class markers (`vercel.ai.error`, `vercel.ai.error.AI_APICallError`, …). */
  markers: string[];
  fields: Record<string, Transferable>;
  cause?: Transferable;
}

const standardErrors = { Error, TypeError, RangeError, SyntaxError, ReferenceError } as const;
type StandardErrorName = keyof typeof standardErrors;

const markerPrefix = 'vercel.ai.error';
/** Deep enough for RetryError → APICallError → TypeError → socket error, and then some. */
const maxDepth = 8;

export function toTransferable(value: unknown, depth = 0): Transferable {
  if (!(value instanceof Error) || depth > maxDepth) return { value: cloneable(value) };
  const fields: Record<string, Transferable> = {};
  for (const key of Object.keys(value)) {
    if (key === 'cause' || key === 'message' || key === 'name' || key === 'stack') continue;
    fields[key] = toTransferableField((value as unknown as Record<string, unknown>)[key], depth + 1);
  }
  const markers = Object.getOwnPropertySymbols(value)
    .map((symbol) => Symbol.keyFor(symbol))
    .filter((key): key is string => key !== undefined && key.startsWith(markerPrefix) && (value as unknown as Record<symbol, unknown>)[Symbol.for(key)] === true);
  return {
    error: {
      base: standardBaseOf(value),
      name: value.name,
      message: value.message,
      ...(value.stack === undefined ? {} : { stack: value.stack }),
      markers,
      fields,
      ...(value.cause === undefined ? {} : { cause: toTransferable(value.cause, depth + 1) }),
    },
  };
}

/** Braid's own errors that the host tells apart by class, made again as that class. */
const braidErrors: Record<string, (message: string, fields: Record<string, unknown>) => Error> = {
  UnusableAnswerError: (message, fields) => new UnusableAnswerError(fields.kind as UnusableAnswerKind, message),
};

export function fromTransferable(transferred: Transferable): unknown {
  if ('value' in transferred) return transferred.value;
  const { base, name, message, stack, markers, fields, cause } = transferred.error;
  const own = braidErrors[name];
  const error = own ? own(message, Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, fromTransferableField(field)]))) : new standardErrors[base](message);
  if (!own && error.name !== name) Object.defineProperty(error, 'name', { value: name, writable: true, configurable: true });
  if (stack !== undefined) error.stack = stack;
  if (!own) for (const [key, field] of Object.entries(fields)) (error as unknown as Record<string, unknown>)[key] = fromTransferableField(field);
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: fromTransferable(cause), writable: true, configurable: true });
  for (const marker of markers) Object.defineProperty(error, Symbol.for(marker), { value: true });
  return error;
}

/** Fields may hold errors too (RetryError's `errors`, `lastError`). */
function toTransferableField(value: unknown, depth: number): Transferable {
  if (Array.isArray(value) && value.some((item) => item instanceof Error)) {
    return { value: { arrayOfTransferables: value.map((item) => toTransferable(item, depth + 1)) } };
  }
  return toTransferable(value, depth);
}

function fromTransferableField(field: Transferable): unknown {
  if ('value' in field) {
    const items = (field.value as { arrayOfTransferables?: Transferable[] } | null)?.arrayOfTransferables;
    if (Array.isArray(items)) return items.map(fromTransferable);
  }
  return fromTransferable(field);
}

function standardBaseOf(error: Error): StandardErrorName {
  for (const name of ['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError'] as const) {
    if (error instanceof standardErrors[name]) return name;
  }
  return 'Error';
}

/** What can cross as it is crosses; anything else (functions, sockets) as its description. */
function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}
