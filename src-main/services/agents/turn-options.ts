/**
 * What a slash command brings to the turn it starts, kept until that run ends: its
 * `allowed-tools` (pre-approved, source `turn`) and its `model`. A later run of the task has
 * neither, so a command's permissions never outlive its turn.
 */
export class TurnOptions {
  private readonly allowRules = new Map<string, readonly string[]>();
  private readonly models = new Map<string, string>();

  addAllowRules(taskId: string, rules: readonly string[]): void {
    if (rules.length > 0) this.allowRules.set(taskId, [...(this.allowRules.get(taskId) ?? []), ...rules]);
  }

  setModel(taskId: string, model: string): void {
    this.models.set(taskId, model);
  }

  allowRulesOf(taskId: string): readonly string[] | undefined {
    return this.allowRules.get(taskId);
  }

  modelOf(taskId: string): string | undefined {
    return this.models.get(taskId);
  }

  /** The run ended (or never started): the turn's options go with it. */
  endRun(taskId: string): void {
    this.allowRules.delete(taskId);
    this.models.delete(taskId);
  }
}
