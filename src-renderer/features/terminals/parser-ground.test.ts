import serializeAddon from '@xterm/addon-serialize';
import headless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { groundAfter } from './parser-ground';

const { SerializeAddon } = serializeAddon;

/** Sequences a program prints, some of them unusual; split anywhere they are in pieces. */
const vocabulary = [
  'plain text ',
  'line\r\n',
  '\x1b[31m',
  '\x1b[1;38;5;208m',
  '\x1b[0m',
  '\x1b[2K',
  '\x1b[5;10H',
  '\x1b[?25l',
  '\x1b]0;a title\x07',
  '\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\',
  '\x1bP+q544e\x1b\\',
  '\x1b(0lqk\x1b(B',
  '\x1b7',
  '\x1b8',
  '\x1b[1\x18', // a CSI cancelled by CAN
  '\x1b[3\n1m', // a C0 inside a CSI: executed, the CSI goes on
  '\x9b1m', // a C1 CSI
  'wide 世界 ',
  '\t\b\x07',
];

function randomPieces(seed: number): string[] {
  let state = seed;
  const next = (below: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return Math.floor((state / 2 ** 32) * below); // the high bits: an LCG's low bits repeat
  };
  const text = Array.from({ length: 120 }, () => vocabulary[next(vocabulary.length)]).join('');
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const length = 1 + next(12);
    pieces.push(text.slice(at, at + length));
    at += length;
  }
  return pieces;
}

async function screenOf(writes: string[]): Promise<string> {
  const terminal = new headless.Terminal({ cols: 30, rows: 8, scrollback: 100, allowProposedApi: true });
  const serializer = new SerializeAddon();
  terminal.loadAddon(serializer);
  for (const write of writes) terminal.write(write);
  // A last character shows the cursor's place and the pen it writes with.
  return new Promise((resolve) => terminal.write('Z', () => resolve(serializer.serialize())));
}

const synchronize = '\x1b[?2026h';

describe('the parser ground state between pieces of output', () => {
  it('where it says ground, a sequence of the view’s own between two pieces changes nothing of the screen', async () => {
    let grounds = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const pieces = randomPieces(seed);
      const expected = await screenOf(pieces);
      let ground = true;
      const withOurs: string[] = [];
      for (const piece of pieces) {
        withOurs.push(piece);
        ground = groundAfter([piece], ground);
        if (!ground) continue;
        grounds++;
        withOurs.push(synchronize, '\x1b[?2026l');
      }
      expect({ seed, screen: await screenOf(withOurs) }).toEqual({ seed, screen: expected });
    }
    expect(grounds).toBeGreaterThan(100);
  });

  it('finds the ground state after every complete sequence of the usual kinds, however it is cut into pieces', () => {
    const usual = vocabulary.filter((item) => (item.includes('\x1b') || item.includes('\x18')) && !item.includes('\n1m'));
    expect(usual.length).toBeGreaterThan(10);
    for (const item of usual) {
      for (let cut = 0; cut <= item.length; cut++) {
        expect({ item, cut, ground: groundAfter([item.slice(0, cut), item.slice(cut)], false) }).toEqual({ item, cut, ground: true });
      }
    }
  });

  it('follows an escape across pieces, and says not ground inside one', () => {
    expect(groundAfter(['plain'], true)).toBe(true);
    expect(groundAfter(['plain'], false)).toBe(false);
    expect(groundAfter(['text \x1b['], true)).toBe(false);
    expect(groundAfter(['text \x1b[', '31', 'm and more'], true)).toBe(true);
    expect(groundAfter(['\x1b]0;a title'], true)).toBe(false);
    expect(groundAfter(['\x1b]0;a title', '\x07'], true)).toBe(true);
    expect(groundAfter(['\x1b]0;a title\x1b'], true)).toBe(false);
    expect(groundAfter(['\x1b]0;a title\x1b\\'], true)).toBe(true);
    expect(groundAfter(['\x1bP1$r'], true)).toBe(false);
    expect(groundAfter(['\x1b[1', '\x18'], false)).toBe(true);
    expect(groundAfter(['\x1b[1\n'], true)).toBe(false);
    expect(groundAfter(['\x9b1m'], true)).toBe(false);
    expect(groundAfter([`\x1b]8;;${'x'.repeat(5000)}\x07`], true)).toBe(false);
  });
});
