import headless from '@xterm/headless';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src-shared/contract';
import { TerminalStream } from './terminal-stream';

/** A host whose answers wait until the test gives them; every call is kept. */
function fakeHost() {
  const calls: { method: string; input: Record<string, unknown>; answer(result: Result<unknown>): void }[] = [];
  const api = {
    invoke: (method: string, input: Record<string, unknown>) =>
      new Promise<Result<unknown>>((resolve) => {
        calls.push({ method, input, answer: resolve });
        if (method !== 'terminals.snapshot') resolve({ ok: true, data: {} });
      }),
  };
  return { api: api as unknown as ConstructorParameters<typeof TerminalStream>[0], calls, of: (method: string) => calls.filter((call) => call.method === method) };
}

/** A real (headless) xterm as the surface, whose write callbacks the test can hold back. */
function screen() {
  const terminal = new headless.Terminal({ cols: 40, rows: 5, allowProposedApi: true });
  const held: (() => void)[] = [];
  let holding = false;
  const surface = {
    write: (data: string, callback?: () => void) => terminal.write(data, callback && (() => (holding ? held.push(callback) : callback()))),
    get modes() {
      return terminal.modes;
    },
  };
  const text = () =>
    new Promise<string>((resolve) =>
      terminal.write('', () => {
        const lines: string[] = [];
        for (let y = 0; y < terminal.buffer.active.length; y++) lines.push(terminal.buffer.active.getLine(y)?.translateToString(true) ?? '');
        resolve(lines.join('\n').trimEnd());
      }),
    );
  return { surface, text, hold: () => (holding = true), release: () => ((holding = false), held.splice(0).forEach((callback) => callback())), parsed: () => text() };
}

const snapshot = (data: string, position: number): Result<unknown> => ({ ok: true, data: { data, position, cols: 40, rows: 5 } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a terminal stream in a view', () => {
  it('replays the snapshot, then applies what arrived meanwhile from its position on, once and in order', async () => {
    const host = fakeHost();
    const view = screen();
    const stream = new TerminalStream(host.api, 't1', 'term1', view.surface);
    const attached = stream.attach();
    // Output pushed while the snapshot was on its way: partly in it already.
    stream.receive(0, 'one\r\n');
    stream.receive(5, 'two\r\n');
    stream.receive(10, 'three\r\n');
    host.of('terminals.snapshot')[0]!.answer(snapshot('one\r\ntw', 7));
    await attached;
    stream.receive(17, 'four\r\n');
    await vi.waitFor(async () => expect(await view.text()).toBe('one\ntwo\nthree\nfour'));
  });

  it('takes a new snapshot when the stream skips ahead (events lost on a reconnect)', async () => {
    const host = fakeHost();
    const view = screen();
    const stream = new TerminalStream(host.api, 't1', 'term1', view.surface);
    const attached = stream.attach();
    host.of('terminals.snapshot')[0]!.answer(snapshot('a\r\n', 3));
    await attached;
    stream.receive(3, 'b\r\n');
    stream.receive(20, 'lost before this\r\n');
    expect(host.of('terminals.snapshot')).toHaveLength(2);
    stream.receive(38, 'e\r\n');
    host.of('terminals.snapshot')[1]!.answer(snapshot('a\r\nb\r\nc\r\nd\r\n', 38));
    await settle();
    await vi.waitFor(async () => expect(await view.text()).toBe('a\nb\nc\nd\ne'));
  });

  it('acknowledges what xterm rendered, never what is only written, never the snapshot itself', async () => {
    const host = fakeHost();
    const view = screen();
    const stream = new TerminalStream(host.api, 't1', 'term1', view.surface);
    const attached = stream.attach();
    host.of('terminals.snapshot')[0]!.answer(snapshot('x'.repeat(50_000), 50_000));
    await attached;
    view.hold();
    const piece = 'y'.repeat(1_000);
    for (let i = 0; i < 12; i++) stream.receive(50_000 + i * 1_000, piece);
    await view.parsed();
    // Written but not yet rendered: nothing acknowledged.
    expect(host.of('terminals.ack')).toEqual([]);
    view.release();
    await vi.waitFor(() => expect(host.of('terminals.ack').map((call) => call.input.position)).toEqual([62_000]));
  });

  it('writes output that arrives while xterm is busy or within a frame as one piece, and the first piece at once', async () => {
    const host = fakeHost();
    const terminal = new headless.Terminal({ cols: 40, rows: 5, allowProposedApi: true });
    const writes: string[] = [];
    const surface = {
      write: (data: string, callback?: () => void) => (writes.push(data), terminal.write(data, callback)),
      get modes() {
        return terminal.modes;
      },
    };
    const stream = new TerminalStream(host.api, 't1', 'term1', surface);
    const attached = stream.attach();
    host.of('terminals.snapshot')[0]!.answer(snapshot('', 0));
    await attached;
    stream.receive(0, 'a');
    // A keystroke's echo after a quiet moment: written at once.
    expect(writes.slice(1)).toEqual(['a']);
    for (const [from, data] of [[1, 'b'], [2, 'c'], [3, 'd']] as const) stream.receive(from, data);
    await vi.waitFor(() => expect(writes.slice(1)).toEqual(['a', 'bcd']));
  });

  it('draws a flood batch once: drawing is held while xterm parses its writes (it may draw between writes), never inside a program’s own sequence', async () => {
    const host = fakeHost();
    const terminal = new headless.Terminal({ cols: 40, rows: 5, allowProposedApi: true });
    /** Per write of a batch: whether drawing was held once xterm had parsed it. */
    let held: boolean[] = [];
    const surface = {
      write: (data: string, callback?: () => void) =>
        terminal.write(data, () => {
          held.push(terminal.modes.synchronizedOutputMode);
          callback?.();
        }),
      get modes() {
        return terminal.modes;
      },
    };
    const stream = new TerminalStream(host.api, 't1', 'term1', surface, undefined, 0);
    const attached = stream.attach();
    host.of('terminals.snapshot')[0]!.answer(snapshot('', 0));
    await attached;
    await new Promise<void>((resolve) => terminal.write('', resolve)); // the snapshot parsed
    let position = 0;
    /** Sends a flood (several writes' worth) in pieces, and waits until it is parsed; the held states of its batch. */
    const flood = async (lastPiece: string) => {
      held = [];
      // A keystroke's echo is written at once; what arrives while xterm parses it is one batch.
      stream.receive(position, 'k');
      position += 1;
      const pieces = [...Array.from({ length: 5 }, () => `${'f'.repeat(98)}\r\n`.repeat(1_000)), lastPiece];
      for (const piece of pieces) {
        stream.receive(position, piece);
        position += piece.length;
      }
      await vi.waitFor(() => expect(host.of('terminals.ack').at(-1)?.input.position).toBe(position));
      return held.slice(1);
    };
    // Held from the first write to the last, which draws.
    const plain = await flood('done\r\n');
    expect(plain.length).toBeGreaterThan(3);
    expect(plain.slice(0, -1).every(Boolean)).toBe(true);
    expect(plain.at(-1)).toBe(false);
    // The batch ends inside a colour sequence the next output finishes: nothing of ours is added.
    const cut = await flood('\x1b[3');
    expect(cut.some(Boolean)).toBe(false);
    stream.receive(position, '1mred\r\n');
    position += 7;
    // The screen got the colour the cut sequence meant (written at once: xterm is idle).
    await new Promise<void>((resolve) => terminal.write('', resolve));
    const red = terminal.buffer.active.getLine(terminal.buffer.active.baseY + terminal.buffer.active.cursorY - 1);
    expect([red?.translateToString(true), red?.getCell(0)?.getFgColor()]).toEqual(['red', 1]);
    // The program holds drawing itself: it keeps it.
    stream.receive(position, '\x1b[?2026h');
    position += 8;
    const own = await flood('more\r\n');
    expect(own.every(Boolean)).toBe(true);
  });

  it('sends a long paste in pieces the host accepts, in order, never splitting a character', () => {
    const host = fakeHost();
    const stream = new TerminalStream(host.api, 't1', 'term1', screen().surface);
    const paste = `${'a'.repeat(65_535)}😀${'b'.repeat(70_000)}`;
    stream.input(paste);
    const pieces = host.of('terminals.input').map((call) => call.input.data as string);
    expect(pieces.every((piece) => piece.length <= 65_536)).toBe(true);
    expect(pieces.join('')).toBe(paste);
    expect(pieces[0]!.endsWith('a')).toBe(true);
    expect(pieces[1]!.startsWith('😀')).toBe(true);
  });

  it('once detached, tells the host and ignores later output and late answers', async () => {
    const host = fakeHost();
    const view = screen();
    const stream = new TerminalStream(host.api, 't1', 'term1', view.surface);
    const attached = stream.attach();
    stream.detach();
    host.of('terminals.snapshot')[0]!.answer(snapshot('late\r\n', 6));
    await attached;
    stream.receive(6, 'more\r\n');
    expect(await view.text()).toBe('');
    expect(host.of('terminals.detach').map((call) => call.input)).toEqual([{ taskId: 't1', terminalId: 'term1' }]);
  });
});
