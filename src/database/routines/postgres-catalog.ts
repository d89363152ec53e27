import { simpleTypeOf } from './db-type';
import type { ParamMode, QueryFn, ResultColumn, Routine, RoutineParam, RoutineReturn } from './routine.types';

/**
 * Procedures and functions of one schema, with their arguments in declaration order. Excluded:
 * aggregates and window functions (prokind 'a'/'w'), routines owned by an extension, and (in
 * `toRoutine`) routines that cannot be called with plain values.
 * Defaults come from pg_get_function_arg_default, whose argument number counts every declared
 * argument (https://www.postgresql.org/docs/current/functions-info.html).
 */
const ROUTINES_SQL = `
SELECT p.oid::int8::text AS id, p.proname AS name, p.prokind AS prokind, p.proretset AS retset,
       format_type(p.prorettype, NULL) AS return_type, rt.typtype AS return_typtype,
       obj_description(p.oid, 'pg_proc') AS description,
       COALESCE((
         SELECT json_agg(json_build_object(
                  'position', a.ord, 'mode', COALESCE(a.mode, 'i'), 'name', COALESCE(a.name, ''),
                  'type', format_type(a.type, NULL), 'pseudo', t.typtype = 'p',
                  'default', pg_get_function_arg_default(p.oid, a.ord::int)) ORDER BY a.ord)
         FROM unnest(COALESCE(p.proallargtypes, p.proargtypes::oid[]), p.proargmodes::text[], p.proargnames)
              WITH ORDINALITY AS a(type, mode, name, ord)
         JOIN pg_type t ON t.oid = a.type), '[]') AS args
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_type rt ON rt.oid = p.prorettype
WHERE n.nspname = $1 AND p.prokind IN ('f', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY p.proname, p.oid`;

interface RoutineRow {
  id: string;
  name: string;
  prokind: 'f' | 'p';
  retset: boolean;
  return_type: string;
  return_typtype: string;
  description: string | null;
  /** json; a string when the connection is set to return json as text. */
  args: ArgRow[] | string;
}

interface ArgRow {
  position: number;
  /** i, o, b (INOUT), v (VARIADIC, an IN array), t (a column of RETURNS TABLE). */
  mode: 'i' | 'o' | 'b' | 'v' | 't';
  name: string;
  type: string;
  pseudo: boolean;
  default: string | null;
}

const MODES: Readonly<Record<ArgRow['mode'], ParamMode | undefined>> = { i: 'IN', v: 'IN', o: 'OUT', b: 'INOUT', t: undefined };

/** Reads the routines of `schema` (API.md 3.16 table: which go to `_proc`, which to `_func`). */
export async function readPostgresRoutines(query: QueryFn, schema: string): Promise<Routine[]> {
  const rows = (await query(ROUTINES_SQL, [schema])) as RoutineRow[];
  return rows.flatMap((row) => {
    const routine = toRoutine(row, schema);
    return routine ? [routine] : [];
  });
}

function toRoutine(row: RoutineRow, schema: string): Routine | undefined {
  const args = typeof row.args === 'string' ? (JSON.parse(row.args) as ArgRow[]) : row.args;
  // Pseudo-typed arguments (anyelement, internal, cstring…) cannot be bound from JSON values;
  // pseudo returns other than void/record are triggers, handlers and polymorphic functions.
  if (args.some((a) => a.pseudo)) return undefined;
  const isPseudoReturn = row.return_typtype === 'p';
  if (isPseudoReturn && row.return_type !== 'void' && row.return_type !== 'record') return undefined;

  const params = args.flatMap((a) => {
    const mode = MODES[a.mode];
    return mode ? [toParam(a, mode)] : [];
  });
  const hasOut = params.some((p) => p.mode !== 'IN');
  if (row.prokind === 'p') return make(row, schema, 'procedure', 'procedure', params, { kind: 'none' });

  const columns: ResultColumn[] = args
    .filter((a) => a.mode === 't' || a.mode === 'o' || a.mode === 'b')
    .map((a) => ({ name: a.name, type: simpleTypeOf(a.type), dbType: a.type }));
  let returns: RoutineReturn;
  if (row.retset) returns = { kind: 'rows', columns };
  else if (hasOut) returns = { kind: 'out' };
  else if (row.return_type === 'void') returns = { kind: 'none' };
  // An anonymous record without OUT parameters needs a column definition list to be called.
  else if (row.return_type === 'record') return undefined;
  else if (row.return_typtype === 'c') returns = { kind: 'rows', columns: [] };
  else returns = { kind: 'scalar', type: simpleTypeOf(row.return_type), dbType: row.return_type };
  return make(row, schema, returns.kind === 'scalar' ? 'function' : 'procedure', 'function', params, returns);
}

function make(
  row: RoutineRow, schema: string, kind: Routine['kind'], engineKind: Routine['engineKind'],
  params: RoutineParam[], returns: RoutineReturn,
): Routine {
  return { kind, engineKind, name: row.name, schema, id: row.id, params, returns, description: row.description };
}

function toParam(a: ArgRow, mode: ParamMode): RoutineParam {
  return {
    name: a.name,
    position: a.position,
    mode,
    type: simpleTypeOf(a.type),
    dbType: a.type,
    declaredType: a.type,
    // Function arguments carry no type modifiers in PostgreSQL: varchar(16) is just varchar.
    length: null,
    precision: null,
    scale: null,
    default: a.default,
  };
}
