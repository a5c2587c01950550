import { createServer } from 'node:net';
import type { Store } from '../store/store';

/** Ports per workspace: BRAID_PORT and the nine after it (Conductor's CONDUCTOR_PORT is the first of 10 too). */
export const portBlockSize = 10;

export interface PortRange {
  /** The first block's start (a multiple of 10). */
  first: number;
  /** Blocks start below this. */
  end: number;
}

/**
 * Below the ephemeral ranges (Linux from 32768, macOS and Windows from 49152), so an outgoing
 * connection's local port does not take a workspace's port from under it.
 */
export const defaultPortRange: PortRange = { first: 20_000, end: 30_000 };

export interface PortBlockStore {
  /** Starts held by workspaces. */
  taken(): number[];
  /** Records the start for the workspace; false when the row is gone or already has one; throws when another workspace holds it. */
  record(workspaceId: string, start: number): boolean;
  /** The workspace's start, if it has one. */
  current(workspaceId: string): number | null;
}

/** A block held by a checkout that is no workspace (the merge queue's scratch worktrees), until released. */
export interface PortLease {
  start: number;
  /** Gives the block back (once the commands run there have ended). */
  release(): void;
}

/** The workspaces' blocks, on their rows (`workspace.port_base`, unique). */
export function workspacePortStore(store: Pick<Store, 'workspaces'>): PortBlockStore {
  return {
    taken: () => store.workspaces.portBases(),
    record: (workspaceId, start) => store.workspaces.setPortBase(workspaceId, start),
    current: (workspaceId) => store.workspaces.get(workspaceId)?.portBase ?? null,
  };
}

/**
 * Reserves a block of 10 free ports per workspace, kept in the database (so it survives
 * restarts) until the workspace row goes. Blocks are aligned to 10, so distinct starts never
 * overlap; each port of a candidate block is checked free (bound on the loopback and on every
 * interface, then closed) before it is recorded. One reservation at a time, so two workspaces
 * never race for the same block. A lease (`lease`) holds a block in memory only, for a run
 * that ends before Braid does; workspaces never get a leased block, nor leases a stored one.
 */
export class PortBlocks {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly leased = new Set<number>();

  constructor(
    private readonly store: PortBlockStore,
    private readonly range: PortRange = defaultPortRange,
  ) {}

  /** The workspace's block start, reserving one first when it has none; null when every block is taken or busy. */
  reserve(workspaceId: string): Promise<number | null> {
    const next = this.queue.then(() => this.reserveNow(workspaceId));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A free block held until `release()`; null when every block is taken or busy. */
  lease(): Promise<PortLease | null> {
    const next = this.queue.then(() => this.leaseNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async leaseNow(): Promise<PortLease | null> {
    const taken = new Set([...this.store.taken(), ...this.leased]);
    for (let start = this.range.first; start + portBlockSize <= this.range.end; start += portBlockSize) {
      if (taken.has(start) || !(await blockIsFree(start))) continue;
      this.leased.add(start);
      return { start, release: () => this.leased.delete(start) };
    }
    return null;
  }

  private async reserveNow(workspaceId: string): Promise<number | null> {
    const existing = this.store.current(workspaceId);
    if (existing !== null) return existing;
    const taken = new Set([...this.store.taken(), ...this.leased]);
    for (let start = this.range.first; start + portBlockSize <= this.range.end; start += portBlockSize) {
      if (taken.has(start) || !(await blockIsFree(start))) continue;
      try {
        if (this.store.record(workspaceId, start)) return start;
        // The row is gone (deleted meanwhile) or got a block another way: whatever it holds now.
        return this.store.current(workspaceId);
      } catch {
        // Held by a workspace of another Braid over the same data folder: try the next block.
        continue;
      }
    }
    return null;
  }
}

async function blockIsFree(start: number): Promise<boolean> {
  for (let port = start; port < start + portBlockSize; port++) {
    if (!(await canListen(port, '127.0.0.1')) || !(await canListen(port, '0.0.0.0'))) return false;
  }
  return true;
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
