import { describe, expect, it } from 'vitest';
import { HeadTailBuffer } from './output-cap';
import { plainTerminalText } from './terminal-text';

describe('plainTerminalText', () => {
  it('drops colours and cursor codes, turns CRLF into LF, keeps the last redraw of a line', () => {
    const raw = '\u001b[1;32mok\u001b[0m\r\nprogress 10%\rprogress 50%\rprogress 100%\r\n\u001b]0;title\u0007done\r\n';
    expect(plainTerminalText(raw)).toBe('ok\nprogress 100%\ndone\n');
  });
});

describe('HeadTailBuffer', () => {
  it('keeps the start and the end of a long stream of small chunks and counts the rest', () => {
    const buffer = new HeadTailBuffer(5, 5);
    for (const char of 'abcdefghijklmnopqrstuvwxyz') buffer.push(char);
    expect(buffer.snapshot()).toEqual({ head: 'abcde', tail: 'vwxyz', omitted: 16 });
  });

  it('keeps everything when it fits', () => {
    const buffer = new HeadTailBuffer(5, 5);
    buffer.push('abc');
    buffer.push('defgh');
    expect(buffer.snapshot()).toEqual({ head: 'abcde', tail: 'fgh', omitted: 0 });
  });
});
