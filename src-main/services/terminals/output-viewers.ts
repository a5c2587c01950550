/**
 * Who is shown a terminal's output, so that the pty host sends the host only output someone
 * will see. Eight terminals flooding with one on screen sent 160 MB through the pty host's IPC
 * channel and the host's loop to show 20 MB; a terminal nobody shows now keeps its output in
 * its mirror (which a view replays when it starts showing it).
 *
 * A viewer of one terminal is a connection that took its snapshot and has not detached
 * (`host/terminal-audience.ts`); a viewer of every terminal is anything that listens to all
 * host events in process (tests, tools). Without `onlyWhenViewed` every terminal's output is
 * sent, as for a service used on its own.
 */
export class OutputViewers {
  private readonly viewers = new Map<string, number>();
  private everyTerminal = 0;

  constructor(
    private readonly onlyWhenViewed: boolean,
    /** A terminal's output starts or stops being needed (`null`: possibly every terminal's). */
    private readonly changed: (terminalId: string | null) => void,
  ) {}

  /** Whether the terminal's output goes to the host. */
  isSent(terminalId: string): boolean {
    return !this.onlyWhenViewed || this.everyTerminal > 0 || (this.viewers.get(terminalId) ?? 0) > 0;
  }

  /** One more viewer of `terminalId` (`null`: of every terminal) until the returned function is called (once counts). */
  watch(terminalId: string | null): () => void {
    if (terminalId === null) {
      if (this.everyTerminal++ === 0) this.changed(null);
    } else {
      const count = (this.viewers.get(terminalId) ?? 0) + 1;
      this.viewers.set(terminalId, count);
      if (count === 1) this.changed(terminalId);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (terminalId === null) {
        if (--this.everyTerminal === 0) this.changed(null);
        return;
      }
      const left = (this.viewers.get(terminalId) ?? 1) - 1;
      if (left > 0) this.viewers.set(terminalId, left);
      else this.viewers.delete(terminalId);
      if (left === 0) this.changed(terminalId);
    };
  }
}
