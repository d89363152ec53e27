import { AppError } from '../../common/errors';
import type { TableSchema } from './schema.types';

export interface SchemaCacheOptions {
  /** Reload after this many milliseconds; 0 or absent: only on refresh()/invalidate(). */
  readonly ttlMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
  /** A refresh that ran behind a request (TTL, invalidation) failed; the old schema stays in use. */
  readonly onRefreshError?: (error: unknown) => void;
  /** Wait after a failed background refresh before trying again. */
  readonly retryMs?: number;
}

interface Snapshot {
  readonly tables: readonly TableSchema[];
  readonly byName: ReadonlyMap<string, TableSchema>;
  readonly byLowerName: ReadonlyMap<string, readonly TableSchema[]>;
}

const withoutVersion = (t: TableSchema): string => JSON.stringify({ ...t, version: 0 });

// Versions are unique across caches, so statement caches keyed by version never collide.
let versionCounter = 0;

/**
 * The introspected schema of one service. Tables resolve case-insensitively (exact spelling
 * first); a table's `version` changes whenever a reload finds it changed. Reloads happen on
 * refresh(), after invalidate() (DDL through this server) and after the TTL; concurrent callers
 * share one reload, and a failed reload keeps the previous schema.
 * @example const cache = new SchemaCache(() => engine.introspect(queryFn(executor)), { ttlMs: 300_000 });
 *          const contact = await cache.table('Contact');
 */
export class SchemaCache {
  private snapshot: Snapshot | undefined;
  private loadedAt = 0;
  private stale = false;
  private retryAt = 0;
  private inflight: Promise<Snapshot> | undefined;
  private readonly now: () => number;

  constructor(private readonly load: () => Promise<readonly TableSchema[]>, private readonly options: SchemaCacheOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async tables(): Promise<readonly TableSchema[]> {
    return (await this.current()).tables;
  }

  /** The table, or undefined; a name that matches several tables case-insensitively must be exact. */
  async findTable(name: string): Promise<TableSchema | undefined> {
    const snapshot = await this.current();
    const exact = snapshot.byName.get(name);
    if (exact) return exact;
    const matches = snapshot.byLowerName.get(name.toLowerCase()) ?? [];
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** The table, or 404 TABLE_NOT_FOUND. */
  async table(name: string): Promise<TableSchema> {
    const table = await this.findTable(name);
    if (!table) throw new AppError('TABLE_NOT_FOUND', `Table "${name}" does not exist in the database.`);
    return table;
  }

  /** The tables loaded so far, without loading or refreshing (for synchronous callers). */
  loadedTables(): readonly TableSchema[] | undefined {
    return this.snapshot?.tables;
  }

  /** Reloads now; on failure the previous schema stays and the error is thrown. */
  async refresh(): Promise<readonly TableSchema[]> {
    return (await this.reload()).tables;
  }

  /** The next access reloads (after DDL through this server, or a stale-schema driver error). */
  invalidate(): void {
    this.stale = true;
    this.retryAt = 0;
  }

  private async current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (!snapshot) return this.reload();
    const ttl = this.options.ttlMs ?? 0;
    const now = this.now();
    const due = this.stale || (ttl > 0 && now - this.loadedAt >= ttl);
    if (!due || now < this.retryAt) return snapshot;
    try {
      return await this.reload();
    } catch (error) {
      this.retryAt = now + (this.options.retryMs ?? 1000);
      this.options.onRefreshError?.(error);
      return snapshot;
    }
  }

  private reload(): Promise<Snapshot> {
    this.inflight ??= this.load()
      .then((tables) => {
        const snapshot = this.index(tables);
        this.snapshot = snapshot;
        this.loadedAt = this.now();
        this.stale = false;
        return snapshot;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  /** Keeps the version (and object) of unchanged tables; gives changed and new ones a new version. */
  private index(loaded: readonly TableSchema[]): Snapshot {
    const previous = this.snapshot?.byName;
    const tables = loaded.map((table) => {
      const old = previous?.get(table.name);
      if (old && withoutVersion(old) === withoutVersion(table)) return old;
      return { ...table, version: (versionCounter += 1) };
    });
    const byName = new Map(tables.map((t) => [t.name, t]));
    const byLowerName = new Map<string, TableSchema[]>();
    for (const t of tables) byLowerName.set(t.name.toLowerCase(), [...(byLowerName.get(t.name.toLowerCase()) ?? []), t]);
    return { tables, byName, byLowerName };
  }
}
