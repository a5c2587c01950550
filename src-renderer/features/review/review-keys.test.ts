import { describe, expect, it } from 'vitest';
import { reviewKeyAction } from './review-keys';

/** Just enough of an element for `closest` and `tagName`. */
function element(tag: string, inside: string[] = [], attributes: Record<string, string> = {}): EventTarget {
  return {
    tagName: tag.toUpperCase(),
    closest: (selector: string) =>
      selector.split(',').some((part) => {
        const s = part.trim();
        if (s.startsWith('.')) return inside.includes(s.slice(1));
        const editable = /^\[contenteditable(?:="(.*)")?\]$/.exec(s);
        return editable ? attributes.contenteditable === editable[1] : false;
      })
        ? {}
        : null,
  } as unknown as EventTarget;
}

const press = (key: string, target: EventTarget | null, modifiers: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) =>
  reviewKeyAction({ key, target, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...modifiers });

describe('DiffLens keys', () => {
  it('maps J/K to files, N/P to hunks and C to a comment', () => {
    const body = element('body');
    expect(press('j', body)).toBe('nextFile');
    expect(press('k', body)).toBe('previousFile');
    expect(press('n', body)).toBe('nextHunk');
    expect(press('p', body)).toBe('previousHunk');
    expect(press('c', body)).toBe('comment');
    expect(press('x', body)).toBeNull();
  });

  it('never fires while typing in a field or with a modifier held', () => {
    expect(press('j', element('input'))).toBeNull();
    expect(press('j', element('textarea'))).toBeNull();
    expect(press('n', element('div', [], { contenteditable: 'true' }))).toBeNull();
    expect(press('n', element('body'), { ctrlKey: true })).toBeNull();
    expect(press('n', element('body'), { altKey: true })).toBeNull();
    expect(press('J', element('body'), { shiftKey: true })).toBeNull();
  });

  it('works inside the read-only diff editor, where nothing can be typed', () => {
    expect(press('j', element('textarea', ['monaco-diff']))).toBe('nextFile');
  });
});
