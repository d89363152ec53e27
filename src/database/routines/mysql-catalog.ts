import { simpleTypeOf } from './db-type';
import type { ParamMode, QueryFn, Routine, RoutineParam } from './routine.types';

const ROUTINES_SQL = `
SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS routine_type, ROUTINE_SCHEMA AS db,
       DATA_TYPE AS data_type, DTD_IDENTIFIER AS dtd, ROUTINE_COMMENT AS description
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA = DATABASE()
ORDER BY ROUTINE_NAME`;

/** Position 0 is a function's return value, which ROUTINES already describes. */
const PARAMETERS_SQL = `
SELECT SPECIFIC_NAME AS name, ROUTINE_TYPE AS routine_type, ORDINAL_POSITION AS position,
       PARAMETER_MODE AS mode, PARAMETER_NAME AS param_name, DATA_TYPE AS data_type,
       DTD_IDENTIFIER AS dtd, CHARACTER_MAXIMUM_LENGTH AS char_length,
       NUMERIC_PRECISION AS num_precision, NUMERIC_SCALE AS num_scale
FROM information_schema.PARAMETERS
WHERE SPECIFIC_SCHEMA = DATABASE() AND ORDINAL_POSITION > 0
ORDER BY SPECIFIC_NAME, ORDINAL_POSITION`;

interface RoutineRow {
  name: string;
  routine_type: 'PROCEDURE' | 'FUNCTION';
  db: string;
  data_type: string | null;
  dtd: string | null;
  description: string | null;
}

interface ParamRow {
  name: string;
  routine_type: 'PROCEDURE' | 'FUNCTION';
  position: number | string;
  mode: ParamMode | null;
  param_name: string;
  data_type: string;
  dtd: string;
  char_length: number | string | null;
  num_precision: number | string | null;
  num_scale: number | string | null;
}

const toNumber = (value: number | string | null): number | null => (value === null ? null : Number(value));

/**
 * Reads the procedures and functions of the connection's current database. Procedures go to
 * `_proc`, functions (always scalar in MySQL) to `_func`. Procedure and function names live in
 * separate namespaces, hence the routine type in the parameter key.
 */
export async function readMysqlRoutines(query: QueryFn): Promise<Routine[]> {
  const routines = (await query(ROUTINES_SQL, [])) as RoutineRow[];
  const paramRows = (await query(PARAMETERS_SQL, [])) as ParamRow[];
  const byRoutine = new Map<string, RoutineParam[]>();
  for (const row of paramRows) {
    const key = `${row.routine_type}:${row.name}`;
    const list = byRoutine.get(key) ?? [];
    list.push(toParam(row));
    byRoutine.set(key, list);
  }
  return routines.map((row): Routine => {
    const isProcedure = row.routine_type === 'PROCEDURE';
    const kind = isProcedure ? 'procedure' : 'function';
    const returnType = row.dtd ?? row.data_type ?? 'varchar';
    return {
      kind,
      engineKind: kind,
      name: row.name,
      schema: row.db,
      id: row.name,
      params: byRoutine.get(`${row.routine_type}:${row.name}`) ?? [],
      returns: isProcedure
        ? { kind: 'result-sets' }
        : { kind: 'scalar', type: simpleTypeOf(returnType), dbType: row.data_type ?? returnType },
      description: row.description === '' ? null : row.description,
    };
  });
}

function toParam(row: ParamRow): RoutineParam {
  const type = simpleTypeOf(row.dtd);
  // As the contract's descriptor shows: precision and scale describe decimals only (MySQL also
  // reports 10,0 for int).
  const isDecimal = type === 'decimal' || type === 'money';
  return {
    name: row.param_name,
    position: Number(row.position),
    // Function parameters are always IN; the column is NULL for them.
    mode: row.mode ?? 'IN',
    type,
    dbType: row.data_type,
    declaredType: row.dtd.toLowerCase(),
    length: toNumber(row.char_length),
    precision: isDecimal ? toNumber(row.num_precision) : null,
    scale: isDecimal ? toNumber(row.num_scale) : null,
    default: null,
  };
}
