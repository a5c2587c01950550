import { useId, useState, type KeyboardEvent } from 'react';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { useTasksStore } from '../../tasks/tasks-store';
import type { QuestionItem } from '../timeline-items';
import './question-card.css';

/** The run waits on the card while the task says "question" (or is still saying so: the card can arrive first). */
const answerableStatuses = new Set(['needs_input', 'running']);

/**
 * The agent's `ask_user` question: its choices as buttons and a free answer (Enter sends). The
 * run waits on this card only while the task says "question"; otherwise Resume asks again. A
 * second click sends nothing (the first answer is on its way, then the card shows it).
 */
export function QuestionCard({ item, taskId }: { item: QuestionItem; taskId: string }) {
  const waiting = item.asked && item.answer === null && !item.superseded && item.result === null;
  const label = waiting ? 'Question from the agent' : 'Question';
  return (
    <article className={`question-card${waiting ? ' question-card--waiting' : ''}`} aria-label={label}>
      <header className="question-card__header">
        <span className="question-card__title">{label}</span>
      </header>
      <p className="question-card__question selectable">{item.question || '(no question given)'}</p>
      {waiting ? <AnswerForm item={item} taskId={taskId} /> : <QuestionOutcome item={item} />}
    </article>
  );
}

function QuestionOutcome({ item }: { item: QuestionItem }) {
  if (item.answer !== null) {
    return (
      <p className="question-card__answer">
        <span className="muted">Your answer: </span>
        <span className="selectable">{item.answer}</span>
      </p>
    );
  }
  if (item.superseded) return <p className="muted">Asked again below after the task resumed.</p>;
  if (item.result?.isError) return <p className="question-card__refused">Not asked: {item.result.text}</p>;
  if (item.status === 'cancelled') return <p className="muted">Not asked: the run ended first.</p>;
  return <p className="muted">About to be asked…</p>;
}

function AnswerForm({ item, taskId }: { item: QuestionItem; taskId: string }) {
  const api = useBridge();
  const live = useTasksStore((s) => answerableStatuses.has(s.byId[taskId]?.agent.status ?? ''));
  const { pending, error, run } = useHostAction();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const inputId = useId();

  if (!live) return <p className="muted">The task is not waiting for this answer. Resume it to be asked again.</p>;

  const answer = async (value: string) => {
    const trimmed = value.trim();
    if (trimmed === '' || sent) return;
    const result = await run(() => api.invoke('agent.answer', { taskId, callId: item.callId, answer: trimmed }));
    // The answer event updates the card; until it arrives, the controls stay disabled.
    if (result?.ok) setSent(true);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void answer(text);
    }
  };
  const busy = pending || sent;
  return (
    <div className="question-card__answer-form">
      {item.choices.length > 0 && (
        <div className="question-card__choices" role="group" aria-label="Choices">
          {item.choices.map((choice, index) => (
            <button key={index} type="button" className="button" onClick={() => void answer(choice)} disabled={busy}>
              {choice}
            </button>
          ))}
        </div>
      )}
      <label htmlFor={inputId} className="field__label">
        {item.choices.length > 0 ? 'Or answer in your own words' : 'Your answer'}
      </label>
      <div className="question-card__free">
        <input id={inputId} className="input" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} disabled={busy} placeholder="Enter sends" />
        <button type="button" className="button button--primary" onClick={() => void answer(text)} disabled={busy || text.trim() === ''} aria-busy={pending}>
          Answer
        </button>
      </div>
      <InlineError message={error} />
    </div>
  );
}
