import {
  fail,
  isMethodName,
  methods,
  ok,
  type MethodArgs,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../../src-shared/contract';
import { fileSystemRefusal } from '../services';

/** A handler receives validated input and returns its output or an expected failure. */
export type Handler<M extends MethodName> = (args: MethodArgs<M>) => Promise<Result<MethodOutput<M>>> | Result<MethodOutput<M>>;
export type HandlerTable = { [M in MethodName]: Handler<M> };

export interface DispatchOptions {
  /** Validate outputs against the contract too (everywhere but production). */
  validateOutput: boolean;
  /** Where unexpected exceptions are reported; they never cross the boundary. */
  onBug?: (method: string, error: unknown) => void;
}

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * The single entry point both transports use: unknown method names and invalid input are
 * refused before any handler runs, and nothing a handler throws escapes as an exception.
 */
export function createDispatch(handlers: HandlerTable, options: DispatchOptions): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) return fail('UNKNOWN_METHOD', `Unknown method: ${String(method).slice(0, 100)}`);
    const spec = methods[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
      return fail('INVALID_INPUT', `${where}${first?.message ?? 'invalid input'}`);
    }
    try {
      const handler = handlers[method] as unknown as (args: unknown) => Promise<Result<unknown>> | Result<unknown>;
      const result = await handler(parsed.data);
      if (result.ok && options.validateOutput) {
        const checked = spec.output.safeParse(result.data);
        if (!checked.success) {
          options.onBug?.(method, checked.error);
          return fail('INTERNAL', `The host produced an invalid result for ${method}.`);
        }
        return ok(checked.data);
      }
      return result;
    } catch (error) {
      options.onBug?.(method, error);
      // A file-system refusal (a name too long, a link loop, permission denied...) is an
      // expected failure even when a service let it escape: its own code, the path shortened.
      const refused = fileSystemRefusal(error);
      if (refused) return refused;
      return fail('INTERNAL', `Unexpected error in ${method}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
