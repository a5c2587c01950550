import { z } from 'zod';
import { idSchema } from './id';
import { agentDefinitionDraftSchema, agentDefinitionSourceSchema, agentDefinitionsSchema } from './subagents';

/** A file name in an agents folder, as Settings names the file it edits; the host confines it. */
const definitionFile = z
  .string()
  .min(4)
  .max(255)
  .regex(/^[^/\\\0]+\.md$/, 'a file name in the agents folder, ending in .md');

/**
 * Subagent definitions (Settings → Agents; `/agents` lists the same), spread into `methods`.
 * Writing refuses a bad name, a file outside its folder, and a name another file of that
 * folder already has (`INVALID_INPUT` with `details.issues` per field).
 */
export const subagentMethods = {
  /** Every definition of the project's and the user's folders, with its source, warnings and parse error. */
  'subagents.definitions': { input: z.object({ projectId: idSchema.optional() }).strict(), output: agentDefinitionsSchema },
  /**
   * Writes `<folder>/<name>.md` in the source's folder (a project source needs `projectId`).
   * `previousFile` (editing): that file of the same folder is replaced, its other frontmatter
   * keys kept; renamed when the name changed.
   */
  'subagents.saveDefinition': {
    input: z
      .object({
        projectId: idSchema.optional(),
        source: agentDefinitionSourceSchema,
        previousFile: definitionFile.optional(),
        definition: agentDefinitionDraftSchema,
      })
      .strict(),
    output: agentDefinitionsSchema,
  },
} as const;
