// The pty host: a process of its own that runs every terminal's pty and headless mirror for the
// Braid host (pty-host-client.ts starts it). Forking the large host for each pty, reading every
// terminal's output and parsing it into the mirrors would all happen on the host's event loop;
// here they cost the host one message per ~5 ms with the output of every terminal.
//
// Protocol: pty-host-protocol.ts. When the host goes away (exit, crash, SIGKILL: the IPC
// channel closes), every terminal's process tree is stopped and this process exits.
import type { FromPtyHost, ToPtyHost } from './pty-host-protocol';
import { PtySession } from './pty-session';

/** Output of all terminals is gathered this long, then sent as one message (VS Code's 5 ms)... */
const batchMs = 5;
/** ...or sooner, once a terminal has this much waiting (Hyper's "16 ms or 200 KB"): a flood is not held back by the clock. */
const batchChars = 65_536;
/**
 * Output sent to the host but not yet written to the channel, beyond which flushes wait: a busy
 * host then holds the output back here, where it counts against each terminal's watermarks (so
 * its pty is paused), instead of piling up in the channel's queue.
 */
const maxUnwrittenChars = 2_000_000;
/** When the host is gone, processes get this long between SIGTERM and SIGKILL. */
const orphanGraceMs = 1_000;

const sessions = new Map<string, PtySession>();
const waiting = new Set<PtySession>();
let flushTimer: NodeJS.Timeout | undefined;
let unwritten = 0;

const send = (message: FromPtyHost, written?: () => void) => {
  if (process.connected) process.send?.(message, undefined, undefined, () => written?.());
};

function flush(): void {
  flushTimer = undefined;
  if (unwritten > maxUnwrittenChars) return; // the next written message flushes again
  const chunks: [string, number, string][] = [];
  const flushed = [...waiting];
  waiting.clear();
  let chars = 0;
  for (const session of flushed) {
    const piece = session.takeOutput();
    if (!piece) continue;
    chunks.push([session.id, piece[0], piece[1]]);
    chars += piece[1].length;
  }
  if (chunks.length > 0) {
    unwritten += chars;
    send({ type: 'data', chunks }, () => {
      unwritten -= chars;
      if (waiting.size > 0 && unwritten <= maxUnwrittenChars) flushTimer ??= setTimeout(flush, 0);
    });
  }
  for (const session of flushed) session.reportExitIfDone();
}

const events = {
  outputPending(session: PtySession) {
    waiting.add(session);
    if (session.pendingChars >= batchChars && unwritten <= maxUnwrittenChars) {
      clearTimeout(flushTimer);
      flush();
      return;
    }
    flushTimer ??= setTimeout(flush, batchMs);
  },
  exited(session: PtySession, exitCode: number | null, signal: number | null) {
    send({ type: 'exit', id: session.id, exitCode, signal });
  },
};

async function handle(message: ToPtyHost): Promise<void> {
  if (message.type === 'open') {
    try {
      const session = new PtySession(message.id, message, events);
      sessions.set(message.id, session);
      send({ type: 'started', id: message.id, pid: session.pid });
    } catch (error) {
      send({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  const session = sessions.get(message.id);
  switch (message.type) {
    case 'input':
      return session?.input(message.data);
    case 'resize':
      return session?.resize(message.cols, message.rows);
    case 'ack':
      return session?.acknowledge(message.position);
    case 'detach':
      return session?.detach();
    case 'sendOutput':
      if (session) session.sendOutput = message.send;
      return;
    case 'snapshot':
      if (!session) return send({ type: 'reply', requestId: message.requestId, error: 'no such terminal' });
      return send({ type: 'reply', requestId: message.requestId, snapshot: await session.snapshot() });
    case 'text':
      if (!session) return send({ type: 'reply', requestId: message.requestId, error: 'no such terminal' });
      return send({ type: 'reply', requestId: message.requestId, text: await session.text() });
    case 'kill':
      await session?.stop(message.graceMs);
      return send({ type: 'reply', requestId: message.requestId });
    case 'dispose':
      if (session) {
        await session.stop(message.graceMs);
        sessions.delete(message.id);
        waiting.delete(session);
        session.dispose();
      }
      return send({ type: 'reply', requestId: message.requestId });
  }
}

process.on('message', (message: ToPtyHost) => {
  handle(message).catch((error: unknown) => {
    // A bug here must not take every terminal down with it; the host logs what stderr says.
    console.error(`[pty host] ${message.type} failed:`, error);
    if ('requestId' in message) send({ type: 'reply', requestId: message.requestId, error: error instanceof Error ? error.message : String(error) });
  });
});

process.on('disconnect', () => {
  void Promise.allSettled([...sessions.values()].map((session) => session.stop(orphanGraceMs))).then(() => process.exit(0));
});
