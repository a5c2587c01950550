// @vitest-environment happy-dom
// A DOM because what this hook promises (a second click sends nothing, the error appears where
// the user clicked) only shows once React has rendered and a real click event has run.
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../src-shared/contract';
import { InlineError } from './InlineError';
import { useHostAction, type RunOptions } from './use-host-action';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A host call the test answers when it wants to. */
function deferredHost() {
  const calls: ((result: Result<string>) => void)[] = [];
  return {
    calls,
    invoke: () => new Promise<Result<string>>((resolve) => calls.push(resolve)),
    answer: async (index: number, result: Result<string>) => {
      await act(async () => calls[index]?.(result));
    },
  };
}

function SaveButton({ invoke, options }: { invoke(): Promise<Result<string>>; options?: RunOptions }): ReactNode {
  const { run, pending, error } = useHostAction();
  return createElement(
    'div',
    null,
    createElement('button', { type: 'button', disabled: pending, onClick: () => void run(invoke, options) }, 'Save'),
    createElement(InlineError, { message: error }),
  );
}

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const button = () => container.querySelector('button')!;
const alert = () => container.querySelector('[role="alert"]')?.textContent ?? null;

describe('useHostAction', () => {
  it('sends once when the user clicks twice, even before the button shows it is busy', async () => {
    const host = deferredHost();
    act(() => root.render(createElement(SaveButton, { invoke: host.invoke })));
    act(() => {
      // Both clicks land before React re-renders: the disabled button cannot stop the second.
      button().click();
      button().click();
    });
    expect(host.calls).toHaveLength(1);
    expect(button().disabled).toBe(true);
    await host.answer(0, ok('saved'));
    expect(button().disabled).toBe(false);
    act(() => button().click());
    expect(host.calls).toHaveLength(2);
  });

  it('shows the host’s message where the user acted, and clears it when they try again', async () => {
    const host = deferredHost();
    act(() => root.render(createElement(SaveButton, { invoke: host.invoke })));
    act(() => button().click());
    await host.answer(0, fail('GIT_FAILED', 'git refused: index.lock exists'));
    expect(alert()).toBe('git refused: index.lock exists');
    act(() => button().click());
    expect(alert()).toBeNull();
    await host.answer(1, ok('saved'));
    expect(alert()).toBeNull();
  });

  it('lets the caller say what a failure means, or handle it without an error', async () => {
    const host = deferredHost();
    const explain = (error: { code: string; message: string }) => (error.code === 'NOTHING_TO_COMMIT' ? null : `${error.message} Try again.`);
    act(() => root.render(createElement(SaveButton, { invoke: host.invoke, options: { explain } })));
    act(() => button().click());
    await host.answer(0, fail('NOTHING_TO_COMMIT', 'Nothing to commit.'));
    expect(alert()).toBeNull();
    act(() => button().click());
    await host.answer(1, fail('BUSY', 'The workspace is busy.'));
    expect(alert()).toBe('The workspace is busy. Try again.');
  });
});
