import type { SendOptions } from './agent-service-options';

/** What the messages sent while a run was ending bring to the next run's turn. */
export interface FollowUp {
  allowRules: string[];
  model?: string;
}

/**
 * Runs that are ending: the loop is done (nothing given to the run reaches it any more) and the
 * run is recording its end (the toolset closing, the turn's checkpoint, the final status). A
 * message sent then is a follow-up: stored now, it starts the next run once this one has ended.
 */
export class EndingRuns {
  private readonly ending = new Set<string>();
  private readonly followUps = new Map<string, FollowUp>();

  begin(taskId: string): void {
    this.ending.add(taskId);
  }

  has(taskId: string): boolean {
    return this.ending.has(taskId);
  }

  /** A message sent while the run ends: its slash command's allowed tools add up, its model wins. */
  addFollowUp(taskId: string, options: SendOptions): void {
    const earlier = this.followUps.get(taskId);
    this.followUps.set(taskId, { allowRules: [...(earlier?.allowRules ?? []), ...(options.allowRules ?? [])], model: options.model ?? earlier?.model });
  }

  /** The run has left the scheduler: what the messages sent meanwhile bring to the next run, if any came. */
  end(taskId: string): FollowUp | undefined {
    this.ending.delete(taskId);
    const followUp = this.followUps.get(taskId);
    this.followUps.delete(taskId);
    return followUp;
  }
}
