import { z } from 'zod';

/**
 * One problem found when validating an untrusted payload (a model's tool call, a user's edit):
 * where (the path of keys and indices) and why. Sent as `details.issues` of an `INVALID_INPUT`
 * failure, so a form can show each message next to its field.
 */
export const validationIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

export function validationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
  }));
}

/** `steps[1].dependsOn[0]`: keys joined with dots, indices in brackets; `root` names the whole value. */
export function issuePath(path: readonly (string | number)[], root: string): string {
  if (path.length === 0) return root;
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? key : `${text}.${key}`), '');
}

/** One "path: message" line per issue, the way a model or a person is told what to fix. */
export function describeIssues(issues: readonly ValidationIssue[], root: string): string[] {
  return issues.map((issue) => `${issuePath(issue.path, root)}: ${issue.message}`);
}

/** The issues of a failure's `details`, when it carries them (else none). */
export function issuesFromDetails(details: unknown): ValidationIssue[] {
  const parsed = z.object({ issues: z.array(validationIssueSchema) }).safeParse(details);
  return parsed.success ? parsed.data.issues : [];
}
