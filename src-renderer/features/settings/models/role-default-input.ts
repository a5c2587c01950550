import type { MethodOutput } from '../../../../src-shared/contract';

export type RoleDefault = MethodOutput<'models.overview'>['roleDefaults'][number];

/** Where a role's default came from, as the row says it. */
export function roleDefaultSourceText(source: RoleDefault['source']): string {
  switch (source) {
    case 'settings':
      return 'from settings';
    case 'env':
      return 'from BRAID_MODEL';
    case 'automatic':
      return 'automatic';
    case 'none':
      return 'none';
  }
}

/**
 * The typed default as the host wants it: `<provider>:<model>`, or null (blank) to clear it.
 * Checked here so the message can show an example instead of a schema error.
 */
export function modelRefFromInput(text: string): { ok: true; model: string | null } | { ok: false; message: string } {
  const model = text.trim();
  if (model === '') return { ok: true, model: null };
  if (!/^[^:\s]+:\S+$/.test(model) || model.length > 300) {
    return { ok: false, message: `Write the model as <provider>:<model>, e.g. anthropic:claude-sonnet-4-5 (got "${model.slice(0, 80)}").` };
  }
  return { ok: true, model };
}
