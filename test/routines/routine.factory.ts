import type { ParamMode, Routine, RoutineParam } from '../../src/database/routines/routine.types';
import { simpleTypeOf } from '../../src/database/routines/db-type';

/** A parameter from mode, name and declared type: `makeParam('IN', 'p_id', 'integer', 1)`. */
export function makeParam(mode: ParamMode, name: string, declaredType: string, position: number, overrides: Partial<RoutineParam> = {}): RoutineParam {
  return {
    name,
    position,
    mode,
    type: simpleTypeOf(declaredType),
    dbType: declaredType.replace(/\(.*$/, ''),
    declaredType,
    length: null,
    precision: null,
    scale: null,
    default: null,
    ...overrides,
  };
}

/** A PostgreSQL procedure in schema `public` unless overridden. */
export function makeRoutine(overrides: Partial<Routine> & Pick<Routine, 'name'>): Routine {
  return {
    kind: 'procedure',
    engineKind: 'procedure',
    schema: 'public',
    id: overrides.name,
    params: [],
    returns: { kind: 'none' },
    description: null,
    ...overrides,
  };
}
