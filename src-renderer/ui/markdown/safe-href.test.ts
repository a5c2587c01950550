import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href';

describe('safeHref', () => {
  it.each([
    ['https://example.com/a b', null],
    ['https://example.com/ok', 'https://example.com/ok'],
    ['HTTPS://EXAMPLE.COM', 'https://example.com/'],
    ['mailto:a@b.c', 'mailto:a@b.c'],
    ['javascript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['java\nscript:alert(1)', null],
    ['data:text/html;base64,PHNjcmlwdD4=', null],
    ['//evil.example/x', null],
    ['http:', null],
  ])('%j → %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});
