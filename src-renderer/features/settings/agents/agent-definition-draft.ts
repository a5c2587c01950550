import { agentDefinitionDraftSchema, agentNameProblem, agentNamePattern, type AgentDefinitionDraft, type AgentDefinitionSource, type AgentDefinitionView, type AgentPermissionMode, type ValidationIssue } from '../../../../src-shared/contract';

/** The Settings form's fields, as typed. */
export interface AgentDefinitionFields {
  source: AgentDefinitionSource;
  name: string;
  description: string;
  /** Comma-separated; empty: the parent's tools. */
  tools: string;
  disallowedTools: string;
  /** Empty: the parent's model. */
  model: string;
  /** Empty: the parent's mode. */
  permissionMode: AgentPermissionMode | '';
  /** Empty: no limit of its own. */
  maxTurns: string;
  prompt: string;
}

export const emptyAgentFields = (source: AgentDefinitionSource): AgentDefinitionFields => ({
  source,
  name: '',
  description: '',
  tools: '',
  disallowedTools: '',
  model: '',
  permissionMode: '',
  maxTurns: '',
  prompt: '',
});

/** An existing definition in the form, to edit it. */
export function fieldsFromView(view: AgentDefinitionView): AgentDefinitionFields {
  return {
    source: view.source,
    name: view.name,
    description: view.description,
    tools: view.tools?.join(', ') ?? '',
    disallowedTools: view.disallowedTools.join(', '),
    model: view.model ?? '',
    permissionMode: (view.permissionMode ?? '') as AgentPermissionMode | '',
    maxTurns: view.maxTurns === null ? '' : String(view.maxTurns),
    prompt: view.prompt,
  };
}

/** Splits a tool list at commas outside parentheses: `Read, Agent(a, b)` is two tools. */
export function splitToolList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index <= text.length; index++) {
    const char = text[index];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if ((char === ',' && depth === 0) || index === text.length) {
      const item = text.slice(start, index).trim();
      if (item !== '') items.push(item);
      start = index + 1;
    }
  }
  return items;
}

export type DraftCheck = { ok: true; draft: AgentDefinitionDraft } | { ok: false; issues: ValidationIssue[] };

/** The form as the host's draft, or what is wrong with each field (named as the host names them). */
export function draftFromFields(fields: AgentDefinitionFields): DraftCheck {
  const issues: ValidationIssue[] = [];
  const name = fields.name.trim();
  if (!agentNamePattern.test(name)) issues.push({ path: ['definition', 'name'], message: name === '' ? 'a name is required' : agentNameProblem });
  const turns = fields.maxTurns.trim();
  if (turns !== '' && !/^\d+$/.test(turns)) issues.push({ path: ['definition', 'maxTurns'], message: 'a whole number of turns, or empty for no limit of its own' });
  const candidate = {
    name,
    description: fields.description.trim(),
    tools: fields.tools.trim() === '' ? null : splitToolList(fields.tools),
    disallowedTools: splitToolList(fields.disallowedTools),
    model: fields.model.trim() === '' ? null : fields.model.trim(),
    permissionMode: fields.permissionMode === '' ? null : fields.permissionMode,
    maxTurns: turns === '' ? null : Number(turns),
    prompt: fields.prompt,
  };
  const parsed = agentDefinitionDraftSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = ['definition', ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))];
      if (!issues.some((known) => known.path[1] === path[1])) issues.push({ path, message: issue.message });
    }
  }
  return issues.length > 0 || !parsed.success ? { ok: false, issues } : { ok: true, draft: parsed.data };
}

/** The message for one form field (`name`, `maxTurns`, ...) among the host's or the form's issues. */
export function issueFor(issues: readonly ValidationIssue[], field: keyof AgentDefinitionDraft): string | null {
  return issues.find((issue) => issue.path[0] === 'definition' && issue.path[1] === field)?.message ?? null;
}
