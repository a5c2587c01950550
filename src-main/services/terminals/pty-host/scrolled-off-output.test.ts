import serializeAddon from '@xterm/addon-serialize';
import headless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { HeadlessMirror } from './headless-mirror';
import { hasOnlyPlainControls, planMirrorFeed, planPlainPieces } from './scrolled-off-output';

const { Terminal } = headless;
const { SerializeAddon } = serializeAddon;

const line = (i: number) => `${String(i).padStart(6, '0')} some output\r\n`;
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i)).join('');
const options = { keepLineFeeds: 100, holdTail: false, maxHeld: 1_000_000, mayPassOver: true };

describe('planning what the mirror parses', () => {
  it('passes over a plain flood but its last lines, standing in with the pen it leaves and a carriage return', () => {
    const text = `\x1b[1m${lines(0, 500)}\x1b[0m\x1b[32m${lines(500, 1000)}`;
    const feed = planMirrorFeed(text, options);
    expect(feed.passedOver).toBeGreaterThan(text.length / 2);
    // The green pen after the last reset survives; the bold before the reset does not matter.
    expect(feed.parse.startsWith('\x1b[0m\x1b[32m\r')).toBe(true);
    expect(feed.parse.endsWith(lines(900, 1000))).toBe(true);
    expect(feed.parse.split('\n').length - 1).toBeGreaterThanOrEqual(100);
  });

  it('passes over nothing where the mirror cannot tell it is safe (a scroll region, a backlog)', () => {
    const text = lines(0, 1000);
    expect(planMirrorFeed(text, { ...options, mayPassOver: false })).toMatchObject({ parse: text, passedOver: 0 });
  });

  it('parses what is not plain and everything before it; the plain rest is held for the next plan', () => {
    const moved = `${lines(0, 500)}\x1b[5;1H${lines(500, 1000)}`;
    expect(planMirrorFeed(moved, options)).toMatchObject({ parse: moved, passedOver: 0 });
    const held = planMirrorFeed(moved, { ...options, holdTail: true });
    expect(held).toMatchObject({ parse: `${lines(0, 500)}\x1b[5;1H`, passedOver: 0 });
    expect(moved.slice(held.keepFrom)).toBe(lines(500, 1000));
    // All of it, however long: the next plan passes over all but its last lines.
    const all = planMirrorFeed(moved, { ...options, holdTail: true, maxHeld: 1_000 });
    expect(moved.slice(all.keepFrom)).toBe(lines(500, 1000));
  });

  it('passes over nothing after an escape that is not finished, and carries it into the next plan', () => {
    const text = `${lines(0, 500)}\x1b]0;a title that goes on`;
    const first = planMirrorFeed(text, options);
    expect(first).toMatchObject({ parse: text, passedOver: 0, openEscape: '\x1b]0;a title that goes on' });
    // Its end arrives: it is parsed, and the plain output after it waits for the next plan.
    const next = planMirrorFeed(`\x07${lines(500, 1000)}`, { ...options, holdTail: true, openEscape: first.openEscape });
    expect(next).toMatchObject({ parse: '\x07', keepFrom: 1, passedOver: 0, openEscape: '' });
  });

  it('holds an escape sequence cut off by the end of what was read with the tail, instead of parsing everything', () => {
    const text = `${lines(0, 1000)}\x1b[3`;
    const feed = planMirrorFeed(text, { ...options, holdTail: true });
    expect(feed.passedOver).toBeGreaterThan(0);
    expect(feed.parse).toBe('\r');
    expect(text.slice(feed.keepFrom).endsWith('\x1b[3')).toBe(true);
    expect(feed).toMatchObject({ openEscape: '', heldPlain: false });
  });

  it('holds the last lines back for the next plan, but never more than it may hold', () => {
    const text = lines(0, 1000);
    const held = planMirrorFeed(text, { ...options, holdTail: true });
    expect(held.keepFrom).toBeLessThan(text.length);
    expect(text.slice(held.keepFrom).split('\n').length - 1).toBeGreaterThanOrEqual(100);
    expect(held.parse).toBe('\r');
    const notHeld = planMirrorFeed(text, { ...options, holdTail: true, maxHeld: 100 });
    expect(notHeld.keepFrom).toBe(text.length);
    expect(notHeld.passedOver).toBe(held.passedOver);
  });

  it('plans a queue of escape-free pieces as it plans the text they make, without joining them', () => {
    const alphabet = ['a', 'b', ' ', '\r\n', '\n', '\r', '\t', '世'];
    for (let seed = 1; seed <= 200; seed++) {
      let state = seed;
      const next = (below: number) => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return Math.floor((state / 2 ** 32) * below); // the high bits: an LCG's low bits repeat
      };
      // Pieces cut anywhere (a \r\n split between two, empty pieces), lines of every length.
      const pieces = Array.from({ length: 1 + next(12) }, () => Array.from({ length: next(40) }, () => alphabet[next(alphabet.length)]).join(''));
      const text = pieces.join('');
      expect(hasOnlyPlainControls(text)).toBe(true);
      const planOptions = { keepLineFeeds: next(8), holdTail: next(2) === 0, maxHeld: next(60), mayPassOver: true };
      const expected = planMirrorFeed(text, planOptions);
      const planned = planPlainPieces(pieces, planOptions);
      expect({ seed, parse: planned.parse.join(''), kept: planned.kept.join(''), passedOver: planned.passedOver }).toEqual({
        seed,
        parse: expected.parse,
        kept: text.slice(expected.keepFrom),
        passedOver: expected.passedOver,
      });
    }
    expect(hasOnlyPlainControls('red \x1b[31m')).toBe(false);
  });
});

/** A deterministic pseudo-random stream of what programs print, in pieces cut anywhere. */
function randomOutput(seed: number): string[] {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const parts: string[] = [];
  for (let i = 0; i < 150; i++) {
    const kind = random();
    if (kind < 0.08) {
      // A flood of plain lines in one colour, now and then inside a scroll region.
      parts.push(`${random() < 0.4 ? '\x1b[2;7r' : ''}\x1b[3${i % 8}m`);
      const count = 200 + Math.floor(random() * 3_000);
      for (let j = 0; j < count; j++) parts.push(`line ${j} of a flood\r\n`);
    } else if (kind < 0.55) {
      // A plain run: many lines, colours, tabs, wide characters, a long line that wraps, a lone \n.
      const count = Math.floor(random() * 300);
      for (let j = 0; j < count; j++) {
        // The C0 controls xterm ignores (NUL, ENQ, DLE, CAN, SUB, FS) and DEL are plain too.
        const text = pick(['x', 'wörd\t', '漢字', 'a'.repeat(150), `\x1b[3${j % 8}m`, '\x1b[0m', '\x1b[1;4m', '\x1b[38:2::10:20:30m', '\b', '\x07', '\x00', '\x05\x10', '\x18\x1a\x1c', '\x7f']);
        parts.push(`${text}${j}${pick(['\r\n', '\r\n', '\r\n', '\n', ''])}`);
      }
    } else {
      parts.push(
        pick([
          '\x1b[2J',
          '\x1b[H',
          '\x1b[5;10H',
          '\x1b[K',
          '\x1b[2;8r',
          '\x1b[r',
          '\x1b[?1049h',
          '\x1b[?1049l',
          '\x1b[?25l',
          '\x1b[?25h',
          '\x1b]0;title\x07',
          '\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\',
          '\x1b(0lqk\x1b(B',
          '\x1b7',
          '\x1b8',
          '\x1bM',
          '\x1b[3L',
          '\x1b[4h',
          '\x1b[4l',
          '\x1b[?7l',
          '\x1b[?7h',
          '\x0e',
          '\x0f',
          '\x1b)0', // G1 is DEC graphics: SO then switches to it
          '\x9b2J', // C1 CSI
          '\x85', // C1 NEL
          '\x9d0;title\x9c', // C1 OSC ... ST
          '\x1bc',
          '\x1b[?2004h',
        ]),
      );
    }
  }
  const text = parts.join('');
  // Cut into pieces anywhere, an escape sequence or a \r\n split in two included.
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(random() * 8_000);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

/**
 * Printed last, with the pen and the charset the stream left: `q` is a line in the DEC graphics
 * set (which the serializer does not record, so a wrong charset shows only here).
 */
const lastCharacters = 'Zq';

function parsedInFull(pieces: string[], size: { cols: number; rows: number; scrollback: number }): Promise<string> {
  const terminal = new Terminal({ ...size, allowProposedApi: true, logLevel: 'off' });
  const serializer = new SerializeAddon();
  terminal.loadAddon(serializer);
  for (const piece of pieces) terminal.write(piece);
  // A last character, printed with the pen the stream left.
  return new Promise((resolve) => terminal.write(lastCharacters, () => resolve(serializer.serialize())));
}

describe('a mirror that passes over scrolled-off output', () => {
  const size = { cols: 40, rows: 8, scrollback: 60 };

  it('ends with the same screen, scrollback, cursor and pen as one that parses everything', async () => {
    let passedOver = 0;
    let total = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const pieces = randomOutput(seed);
      // Pieces arrive between which xterm parses (in the pty host, flushes are 5 ms apart), or faster.
      const parsed: (() => void)[] = [];
      const mirror = new HeadlessMirror({ ...size, queueChars: 5_000 }, (unparsed) => {
        if (unparsed === 0) for (const resolve of parsed.splice(0)) resolve();
      });
      const caughtUp = () => (mirror.backlog === 0 ? Promise.resolve() : new Promise<void>((resolve) => parsed.push(resolve)));
      let position = 0;
      for (const [index, piece] of pieces.entries()) {
        mirror.write(piece);
        position += piece.length;
        if (index % 3 !== 0) await caughtUp();
        // Now and then a view takes a snapshot midway.
        if (seed % 4 === 0 && position % 7 === 0) await mirror.snapshot(position);
      }
      mirror.write(lastCharacters);
      const snapshot = await mirror.snapshot(position + lastCharacters.length);
      const expected = await parsedInFull(pieces, size);
      expect({ seed, screen: snapshot.data.slice(0, expected.length) }).toEqual({ seed, screen: expected });
      // After it only the mirror's preamble of modes the serializer leaves out.
      // eslint-disable-next-line no-control-regex -- the preamble is escape sequences
      expect(snapshot.data.slice(expected.length)).toMatch(/^(?:\x1b\[\?\d+[hl]|\x1b\[\d q)*$/);
      passedOver += mirror.passedOver;
      total += position;
      mirror.dispose();
    }
    // And it did pass over a good part (floods): otherwise this test proves nothing.
    expect(passedOver / total).toBeGreaterThan(0.08);
  });

  it('passes over a flood that follows a prompt from its first plan on, and ends with the same screen', async () => {
    let idle: (() => void) | undefined;
    const mirror = new HeadlessMirror({ ...size, queueChars: 5_000 }, (unparsed) => {
      if (unparsed === 0) idle?.();
    });
    const parsed = () => new Promise<void>((resolve) => (idle = resolve));
    // The shell's prompt and the echo of the command (escapes: not plain), then the flood, read
    // in one go: six times what the mirror queues.
    const first = `\x1b[?2004hme@host:~$ flood\r\n\x1b[?2004l\r${lines(0, 1_500)}`;
    const rest = lines(1_500, 2_000);
    const caughtUp = parsed();
    mirror.write(first);
    await caughtUp;
    mirror.write(rest);
    mirror.write(lastCharacters);
    const snapshot = await mirror.snapshot(first.length + rest.length + lastCharacters.length);
    const expected = await parsedInFull([first, rest], size);
    expect(snapshot.data.slice(0, expected.length)).toBe(expected);
    // All of the first read but its last lines (`scrollback + 2 × rows`, 78 here) went unparsed.
    expect(mirror.passedOver).toBeGreaterThan(first.length - 100 * line(0).length);
    mirror.dispose();
  });

  it('passes over the C0 controls xterm ignores, but not a shift to another charset or a C1 control', async () => {
    const cases = [
      { name: 'NUL, SUB and DEL, which xterm ignores', control: '\x00\x1a\x7f', passesOver: true },
      { name: 'SO, which switches to G1 (DEC graphics here) for good', control: '\x0e', passesOver: false },
      { name: 'a C1 CSI setting inverse video', control: '\x9b7m', passesOver: false },
    ];
    for (const { name, control, passesOver } of cases) {
      let idle: (() => void) | undefined;
      const mirror = new HeadlessMirror({ ...size, queueChars: 5_000 }, (unparsed) => {
        if (unparsed === 0) idle?.();
      });
      // G1 is DEC graphics; then a flood with the control early in it, in pieces the mirror plans.
      const flood = `${lines(0, 50)}${control}${lines(50, 1_000)}`;
      const pieces = ['\x1b)0', ...Array.from({ length: 20 }, (_, i) => flood.slice((i * flood.length) / 20, ((i + 1) * flood.length) / 20))];
      for (const piece of pieces) {
        const parsed = mirror.backlog === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve));
        mirror.write(piece);
        await parsed;
      }
      mirror.write(lastCharacters);
      const snapshot = await mirror.snapshot(flood.length + 3 + lastCharacters.length);
      const expected = await parsedInFull(pieces, size);
      expect({ name, screen: snapshot.data.slice(0, expected.length) }).toEqual({ name, screen: expected });
      // Everything but the last lines (`scrollback + 2 × rows`, 78 here) went unparsed where that
      // is safe; otherwise the 50 lines up to the control were parsed too.
      expect({ name, passedOverTheControl: mirror.passedOver > flood.length - 110 * line(0).length }).toEqual({ name, passedOverTheControl: passesOver });
      mirror.dispose();
    }
  });

  it('passes over a flood of long lines too, whose last lines are more than a third of what it queues', async () => {
    let idle: (() => void) | undefined;
    const mirror = new HeadlessMirror({ ...size, queueChars: 5_000 }, (unparsed) => {
      if (unparsed === 0) idle?.();
    });
    // 78 lines must follow what is passed over (`scrollback + 2 × rows`): ~6,000 characters of
    // these, more than the 5,000 the mirror plans at.
    const long = (i: number) => `${String(i).padStart(6, '0')} ${'y'.repeat(70)}\r\n`;
    const pieces = Array.from({ length: 200 }, (_, piece) => Array.from({ length: 20 }, (_, i) => long(piece * 20 + i)).join(''));
    let position = 0;
    for (const piece of pieces) {
      const parsed = mirror.backlog === 0 ? Promise.resolve() : new Promise<void>((resolve) => (idle = resolve));
      mirror.write(piece);
      position += piece.length;
      await parsed;
    }
    mirror.write(lastCharacters);
    const snapshot = await mirror.snapshot(position + lastCharacters.length);
    const expected = await parsedInFull(pieces, size);
    expect(snapshot.data.slice(0, expected.length)).toBe(expected);
    // All but about the last two plans' worth went unparsed.
    expect(mirror.passedOver).toBeGreaterThan(position - 25_000);
    mirror.dispose();
  });

  it('keeps what a resize needs: output before the resize is laid out at the old width', async () => {
    const mirror = new HeadlessMirror({ ...size, queueChars: 20_000 }, () => {});
    const reference = new Terminal({ ...size, allowProposedApi: true });
    const serializer = new SerializeAddon();
    reference.loadAddon(serializer);
    const before = `${lines(0, 3000)}${'w'.repeat(70)}\r\n`;
    mirror.write(before);
    reference.write(before);
    mirror.resize(60, 10);
    reference.resize(60, 10);
    mirror.write('after\r\n');
    reference.write('after\r\n');
    const expected = await new Promise<string>((resolve) => reference.write('', () => resolve(serializer.serialize())));
    const snapshot = await mirror.snapshot(0);
    expect(snapshot.data.slice(0, expected.length)).toBe(expected);
    mirror.dispose();
  });
});
