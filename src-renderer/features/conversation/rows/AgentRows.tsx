import type { EngineSessionItem, ThoughtItem } from '../timeline-items';
import { Disclosure } from './Disclosure';

/** An external agent's reasoning: folded, so its answer stays what the eye finds. */
export function ThoughtRow({ item }: { item: ThoughtItem }) {
  return (
    <Disclosure summary="Thinking" className="disclosure--thought">
      {() => <p className="msg__plain msg__thought">{item.text}</p>}
    </Disclosure>
  );
}

const sessionWords = {
  new: 'started a session',
  loaded: 'restored its session',
  transcript: 'started a new session with the conversation so far',
} as const;

/** Where an external agent's session began or was picked up again. */
export function EngineSessionLine({ item }: { item: EngineSessionItem }) {
  return (
    <p className="status-line">
      <span>
        {item.agent}
        {item.version ? ` ${item.version}` : ''} {sessionWords[item.how]}
      </span>
    </p>
  );
}
