import type { StageState as State } from '../../../src-shared/contract';
import { stageStateWords } from './pipeline-text';

/** A stage's state as a badge with its word (the colour only repeats it). */
export function StageState({ state }: { state: State }) {
  return <span className={`badge stage-state stage-state--${state}`}>{stageStateWords[state]}</span>;
}
