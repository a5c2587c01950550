import { z } from 'zod';

/** Messages of the web-mode WebSocket protocol. Every inbound frame is parsed with these. */
export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof wireRequestSchema>;

export type WireResponse = { kind: 'result'; id: number; result: unknown };
export type WireEvent = { kind: 'event'; event: string; payload: unknown };
export type WireMessage = WireResponse | WireEvent;

/** Close codes the server uses before any data is sent. */
export const wireCloseCodes = { unauthorized: 4401, badRequest: 4400 } as const;
