import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, ipcChannels, type Result } from '../../src-shared/contract';
import { TerminalAudience } from '../host/terminal-audience';
import type { Host } from '../host/create-host';
import { isAppOrigin } from './app-origin';

export interface SenderFacts {
  /** URL of `event.senderFrame`, or null when the frame is gone. */
  frameUrl: string | null;
  /** Whether the sending frame is its WebContents' top frame. */
  isMainFrame: boolean;
  /** `event.sender.id`. */
  senderId: number;
  /** WebContents ids of the windows Braid itself opened. */
  trustedIds: ReadonlySet<number>;
  /** The Vite dev server while developing; null in production. */
  devServerUrl?: string | null;
}

/**
 * Only the top frame of one of our own windows, showing our own page, may call the host.
 * Iframes, pages that somehow navigated elsewhere, and frames already torn down are refused.
 */
export function isTrustedSender(facts: SenderFacts): boolean {
  return (
    facts.isMainFrame &&
    facts.trustedIds.has(facts.senderId) &&
    facts.frameUrl !== null &&
    isAppOrigin(facts.frameUrl, facts.devServerUrl ?? null)
  );
}

export function senderFactsOf(event: IpcMainInvokeEvent, trustedIds: ReadonlySet<number>, devServerUrl: string | null): SenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    // A frame without a parent is the top frame of its WebContents (which `trustedIds` pins).
    isMainFrame: frame !== null && frame.parent === null,
    senderId: event.sender.id,
    trustedIds,
    devServerUrl,
  };
}

/** The part of the host this transport needs (structurally the lead's `Host`). */
export type IpcHost = Pick<Host, 'dispatch' | 'subscribe' | 'watchTerminalOutput'>;

export interface IpcTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  host: IpcHost;
  /** WebContents of Braid's own windows, alive right now; read on every call. */
  windows: () => readonly WebContents[];
  devServerUrl: string | null;
  log?: (line: string) => void;
}

/**
 * The Electron side of the Bridge: `invoke` requests go to `host.dispatch` (which validates
 * names and input), results come back as values, and host events fan out to every window (a
 * terminal's output only to windows that show it: `TerminalAudience`, one per page a window
 * shows, released when the window reloads, navigates or closes).
 * Returns a function that removes the handler and the subscription.
 */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  const { ipcMain, host, devServerUrl, log } = options;
  /** Per window (WebContents id), for the page it shows: a reload or a navigation starts a page that shows nothing. */
  const audiences = new Map<number, TerminalAudience>();
  const forget = (id: number) => {
    audiences.get(id)?.close();
    audiences.delete(id);
  };
  const audienceOf = (sender: WebContents) => {
    let audience = audiences.get(sender.id);
    if (audience) return audience;
    audience = new TerminalAudience((terminalId) => host.watchTerminalOutput(terminalId));
    audiences.set(sender.id, audience);
    const current = audience;
    const navigated = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
      if (!details.isMainFrame || details.isSameDocument) return;
      sender.off('did-start-navigation', navigated);
      if (audiences.get(sender.id) === current) forget(sender.id);
    };
    sender.on('did-start-navigation', navigated);
    return audience;
  };
  /** A window that never called shows no terminal. */
  const nobody = new TerminalAudience();

  ipcMain.handle(ipcChannels.invoke, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    try {
      const trustedIds = new Set(options.windows().map((contents) => contents.id));
      const facts = senderFactsOf(event, trustedIds, devServerUrl);
      if (!isTrustedSender(facts)) {
        log?.(`Refused IPC call from an untrusted frame (${facts.frameUrl ?? 'gone'}, contents ${facts.senderId})`);
        return fail('UNSUPPORTED', 'This frame may not call Braid.');
      }
      const audience = audienceOf(event.sender);
      audience.requested(method, input);
      const result = await host.dispatch(method, input);
      audience.answered(method, input, result);
      return result;
    } catch (error) {
      // dispatch already catches handler bugs; this is the last line so nothing crosses as a throw.
      log?.(`IPC transport error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fail('INTERNAL', `Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  const unsubscribe = host.subscribe((event, payload) => {
    const windows = options.windows();
    for (const id of [...audiences.keys()]) if (!windows.some((contents) => contents.id === id)) forget(id);
    for (const contents of windows) {
      // A window that is closing, or showing anything but our page, gets nothing.
      if (contents.isDestroyed() || !isAppOrigin(contents.getURL(), devServerUrl)) continue;
      if (!(audiences.get(contents.id) ?? nobody).wants(event, payload)) continue;
      try {
        contents.send(ipcChannels.event, { event, payload });
      } catch (error) {
        log?.(`Could not deliver ${event}: ${String(error)}`);
      }
    }
  }, { terminalOutput: 'shown' });

  return () => {
    unsubscribe();
    for (const audience of audiences.values()) audience.close();
    ipcMain.removeHandler(ipcChannels.invoke);
  };
}
