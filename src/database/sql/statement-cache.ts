import type { Dialect } from '../dialect/dialect';
import { render, type Part, type Sql } from './parts';

export interface PreparedSql extends Sql {
  /** Name for a server-side prepared statement, once this shape has been seen twice. */
  readonly name?: string;
}

export interface StatementCacheOptions {
  /** Distinct statement shapes kept (least recently used evicted). */
  readonly capacity?: number;
  /** Hand out prepared-statement names (node-postgres); off behind PgBouncer in transaction mode. */
  readonly names?: boolean;
  /** Names handed out at most: every connection keeps each prepared statement until it closes. */
  readonly maxNames?: number;
}

interface Entry {
  readonly text: string;
  seen: number;
  name?: string;
}

// Names are unique per process: node-postgres refuses one name for two texts on a connection.
let nameCounter = 0;

/**
 * Rendered SQL by statement shape: the parts with every parameter value blanked, so requests
 * that differ only in values share one SQL text (and, where the driver has them, one prepared
 * statement). Keys include identifiers, so a schema change yields new shapes.
 * @example cache.render(['SELECT 1 WHERE "a" = ', param(5)])  // { text: 'SELECT 1 WHERE "a" = $1', params: [5] }
 */
export class StatementCache {
  private readonly entries = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly maxNames: number;
  private named = 0;

  constructor(private readonly dialect: Dialect, options: StatementCacheOptions = {}) {
    this.capacity = options.capacity ?? 1000;
    this.maxNames = options.names ? (options.maxNames ?? 500) : 0;
  }

  render(parts: readonly Part[]): PreparedSql {
    let key = '';
    const params: unknown[] = [];
    for (const part of parts) {
      if (typeof part === 'string') key += part;
      else if ('ident' in part) key += `\u0000${part.ident}\u0000`;
      else {
        key += '\u0001';
        params.push(part.param);
      }
    }
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      entry = { text: render(parts, this.dialect).text, seen: 0 };
      if (this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    this.entries.set(key, entry);
    entry.seen += 1;
    if (!entry.name && entry.seen >= 2 && this.named < this.maxNames) {
      this.named += 1;
      entry.name = `dfapi_${(nameCounter += 1)}`;
    }
    return entry.name ? { text: entry.text, params, name: entry.name } : { text: entry.text, params };
  }

  /** Stops naming a text whose prepared plan the server rejected (e.g. after ALTER TABLE). */
  forgetName(text: string): void {
    for (const entry of this.entries.values()) if (entry.text === text) delete entry.name;
  }

  get size(): number {
    return this.entries.size;
  }
}
