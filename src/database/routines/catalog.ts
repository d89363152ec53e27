import type { Dialect } from '../dialect/dialect';
import { readMysqlRoutines } from './mysql-catalog';
import { readPostgresRoutines } from './postgres-catalog';
import { routineNotFound } from './routine-errors';
import type { Routine, RoutineCatalog, RoutineDescriptor, RoutineKind } from './routine.types';

export interface CatalogOptions {
  /** PostgreSQL schema the service exposes (default `public`); MySQL uses the current database. */
  readonly schema?: string;
}

/**
 * Reads every callable routine of the service from the engine's catalog; the result is meant to
 * be cached with the schema and re-read on refresh. SQLite has none (callers answer 404 with
 * `assertRoutinesSupported` before getting here).
 * @example await readRoutineCatalog(postgres, (t, p) => dataSource.query(t, p), { schema: 'public' })
 */
export async function readRoutineCatalog(dialect: Dialect, query: (text: string, params?: unknown[]) => Promise<unknown>, options: CatalogOptions = {}): Promise<RoutineCatalog> {
  switch (dialect.name) {
    case 'postgres':
      return { dialect: dialect.name, routines: await readPostgresRoutines(query, options.schema ?? 'public') };
    case 'mysql':
      return { dialect: dialect.name, routines: await readMysqlRoutines(query) };
    case 'sqlite':
      return { dialect: dialect.name, routines: [] };
  }
}

/** Names served under `_proc` or `_func`, sorted, each once (PostgreSQL overloads share a name). */
export function listRoutineNames(catalog: RoutineCatalog, kind: RoutineKind): string[] {
  const names = new Set(catalog.routines.filter((r) => r.kind === kind).map((r) => r.name));
  return [...names].sort((a, b) => a.localeCompare(b));
}

/**
 * The routines a requested name denotes: every overload of one name. The name matches exactly,
 * else case-insensitively when that designates a single name (API.md 2.10); otherwise 404
 * ROUTINE_NOT_FOUND. The name is only compared, never put into SQL.
 */
export function getRoutines(catalog: RoutineCatalog, kind: RoutineKind, name: string): Routine[] {
  const ofKind = catalog.routines.filter((r) => r.kind === kind);
  const exact = ofKind.filter((r) => r.name === name);
  if (exact.length > 0) return exact;
  const lower = name.toLowerCase();
  const folded = ofKind.filter((r) => r.name.toLowerCase() === lower);
  if (folded.length > 0 && folded.every((r) => r.name === folded[0]?.name)) return folded;
  throw routineNotFound(kind, name);
}

/**
 * Descriptors of the named routines, in the order asked (API.md 3.16.1 `?ids=`); an overloaded
 * PostgreSQL name yields one descriptor per overload. Unknown name → 404.
 */
export function describeRoutines(catalog: RoutineCatalog, kind: RoutineKind, names?: readonly string[]): RoutineDescriptor[] {
  const routines = names
    ? names.flatMap((name) => getRoutines(catalog, kind, name))
    : catalog.routines.filter((r) => r.kind === kind);
  return routines.map(describeRoutine);
}

export function describeRoutine(routine: Routine): RoutineDescriptor {
  const r = routine.returns;
  return {
    alias: null,
    name: routine.name,
    label: labelOf(routine.name),
    description: routine.description,
    native: [],
    return_type: r.kind === 'scalar' ? r.type : r.kind === 'rows' ? 'table' : null,
    return_schema: r.kind === 'rows' ? r.columns.map((c) => ({ name: c.name, type: c.type, db_type: c.dbType })) : [],
    params: routine.params.map((p) => ({
      name: p.name,
      position: p.position,
      param_type: p.mode,
      type: p.type,
      db_type: p.dbType,
      length: p.length,
      precision: p.precision,
      scale: p.scale,
      default: p.default,
    })),
  };
}

/** `orders_by_status` → `Orders By Status`, as DreamFactory labels. */
function labelOf(name: string): string {
  return name
    .split(/[_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
