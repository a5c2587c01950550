import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrations as bundledMigrations, type Migration } from './migrations';

export type Db = Database.Database;

/** Thrown when the database was written by a newer Braid: we must not guess at its schema. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database is at schema version ${found}, but this version of Braid only knows up to ${known}. ` +
        'It was probably written by a newer Braid; update Braid or use another data folder.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface OpenDatabaseOptions {
  /** Tests pass their own list to exercise upgrades; the app uses the bundled one. */
  migrations?: readonly Migration[];
}

export const databaseFileName = 'braid.db';

/** Opens (creating if needed) `<dataDir>/braid.db` and brings its schema up to date. */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, databaseFileName));
  try {
    db.pragma('journal_mode = WAL');
    // Another process (a second window, a CLI) may briefly hold the write lock.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // Safe with WAL: a power cut may lose the last transactions, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    migrate(db, options.migrations ?? bundledMigrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Applies the migrations newer than `user_version`, all in one transaction. Foreign keys are
 * off while they run (SQLite's procedure for rebuilding a table: with them on, dropping the old
 * table would cascade into every row that refers to it) and checked before the commit, so a
 * migration that leaves a dangling reference rolls back like any other failure.
 */
export function migrate(db: Db, list: readonly Migration[]): void {
  assertOrdered(list);
  const known = list.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) throw new DatabaseTooNewError(current, known);
  const pending = list.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  const enforcing = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      }
      const dangling = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      if (dangling.length > 0) {
        const first = dangling[0]!;
        throw new Error(`A migration left ${dangling.length} row(s) pointing at nothing (first: ${first.table} row ${first.rowid} → ${first.parent}).`);
      }
    }).immediate();
  } finally {
    if (enforcing) db.pragma('foreign_keys = ON');
  }
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}.`);
    }
  });
}
