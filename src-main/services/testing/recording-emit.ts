import type { EventName, EventPayload } from '../../../src-shared/contract';

export interface RecordedEvent {
  event: EventName;
  payload: unknown;
}

/** An `emit` callback that keeps every event, for asserting what the UI would be told. */
export function recordingEmit() {
  const events: RecordedEvent[] = [];
  return {
    events,
    emit: (event: EventName, payload: unknown) => events.push({ event, payload }),
    of<E extends EventName>(event: E): EventPayload<E>[] {
      return events.filter((entry) => entry.event === event).map((entry) => entry.payload as EventPayload<E>);
    },
  };
}
