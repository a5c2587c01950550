import { z } from 'zod';

/**
 * What Braid reads of an agent's answers, checked before use: the SDK validates the requests and
 * notifications an agent sends, not its responses to Braid's requests. Unknown fields pass;
 * sizes are bounded so a hostile agent cannot make Braid store or show megabytes of names.
 */
const shortText = z.string().max(500);

const modeState = z
  .object({
    currentModeId: shortText,
    availableModes: z.array(z.object({ id: shortText, name: shortText }).passthrough()).max(100),
  })
  .passthrough();

export const initializeAnswerSchema = z
  .object({
    protocolVersion: z.number().int(),
    agentCapabilities: z
      .object({
        loadSession: z.boolean().optional(),
        mcpCapabilities: z.object({ http: z.boolean().optional(), sse: z.boolean().optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
    agentInfo: z.object({ name: shortText, version: shortText, title: shortText.nullish() }).passthrough().nullish(),
    authMethods: z.array(z.object({ id: shortText, name: shortText, description: z.string().max(2000).nullish() }).passthrough()).max(50).optional(),
  })
  .passthrough();
export type InitializeAnswer = z.infer<typeof initializeAnswerSchema>;

export const newSessionAnswerSchema = z.object({ sessionId: z.string().min(1).max(512), modes: modeState.nullish() }).passthrough();
export type NewSessionAnswer = z.infer<typeof newSessionAnswerSchema>;

/** `session/load` may answer null (older agents) or modes. */
export const loadSessionAnswerSchema = z.object({ modes: modeState.nullish() }).passthrough().nullish();

/**
 * The end of a prompt turn. `usage` is not in the stable v1 schema yet, but Claude Code's and
 * Codex's adapters send it (token counts of the turn); read when present.
 */
export const promptAnswerSchema = z
  .object({
    stopReason: z.string().min(1).max(64),
    usage: z
      .object({
        inputTokens: z.number().nonnegative(),
        outputTokens: z.number().nonnegative(),
        cachedReadTokens: z.number().nonnegative().nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type PromptAnswer = z.infer<typeof promptAnswerSchema>;

/** Says what a zod failure found, briefly, for the task's error card. */
export function describeWireProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(answer)'}: ${issue.message}`)
    .join('; ');
}
