import { describe, expect, it } from 'vitest';
import { renderAnsi, type AnsiLine } from './ansi-screen';

const text = (lines: AnsiLine[]) => lines.map((line) => line.map((span) => span.text).join('')).join('\n');

describe('command output as a terminal shows it', () => {
  it('keeps the colours and attributes, and shows no escape codes', () => {
    const lines = renderAnsi('\x1b[1;32mPASS\x1b[0m src/a.test.ts \x1b[38;5;208m(12 ms)\x1b[39m \x1b[38;2;255;0;128mpink\x1b[m\r\n');
    expect(text(lines)).toBe('PASS src/a.test.ts (12 ms) pink');
    const [pass, , timing, , pink] = lines[0]!;
    expect(pass).toMatchObject({ text: 'PASS', style: { fg: 2, bold: true } });
    expect(timing).toMatchObject({ text: '(12 ms)', style: { fg: 208, bold: false } });
    expect(pink).toMatchObject({ text: 'pink', style: { fg: '#ff0080' } });
  });

  it('redraws a progress bar in place, as carriage returns and erase-in-line do', () => {
    expect(text(renderAnsi('Downloading  10%\rDownloading  55%\rDownloading 100%\x1b[K\r\nDone\r\n'))).toBe('Downloading 100%\nDone');
    expect(text(renderAnsi('waiting......\r\x1b[Kready\r\n'))).toBe('ready');
  });

  it('follows cursor moves of multi-line progress (one line per layer)', () => {
    const raw = 'layer a: 10%\r\nlayer b: 10%\r\n\x1b[2A\rlayer a: done\x1b[K\r\n\x1b[1B\r\n';
    expect(text(renderAnsi(raw))).toBe('layer a: done\nlayer b: 10%');
  });

  it('drops what is not text: window titles, hyperlink targets, modes, a sequence cut at the end', () => {
    const raw = '\x1b]0;npm test\x07\x1b[?25l\x1b]8;;https://example.com\x1b\\docs\x1b]8;;\x1b\\ here\x1b[?25h\tend\x1b[3';
    expect(text(renderAnsi(raw))).toBe('docs here       end');
  });
});
