import { makeParam, makeRoutine } from '../../../test/routines/routine.factory';
import type { AppError } from '../../common/errors';
import { mysql, postgres } from '../dialect';
import { bindArguments, selectRoutine } from './arguments';
import type { CallArguments, Routine } from './routine.types';

const named = (values: Record<string, unknown>): CallArguments => ({ source: 'named', values: Object.entries(values) });

const ordersByStatus = makeRoutine({
  name: 'orders_by_status',
  params: [
    makeParam('IN', 'p_status', 'varchar(16)', 1, { length: 16 }),
    makeParam('IN', 'p_limit', 'integer', 2),
    makeParam('OUT', 'p_count', 'integer', 3),
    makeParam('INOUT', 'p_flag', 'boolean', 4),
  ],
});

const valuesOf = (routine: Routine, args: CallArguments, dialect = postgres) =>
  bindArguments(routine, args, dialect).map((a) => [a.param.name, a.supplied, a.value]);

describe('bindArguments', () => {
  it('coerces each value to its declared type and marks what was not given', () => {
    expect(valuesOf(ordersByStatus, named({ P_STATUS: 'open', p_limit: '10', p_flag: 'yes' }))).toEqual([
      ['p_status', true, 'open'],
      ['p_limit', true, 10],
      ['p_count', false, null],
      ['p_flag', true, true],
    ]);
  });

  it('binds booleans as the dialect does', () => {
    expect(valuesOf(ordersByStatus, named({ p_flag: true }), mysql)[3]).toEqual(['p_flag', true, 1]);
  });

  it('assigns positional values to IN and INOUT parameters in order, skipping OUT', () => {
    expect(valuesOf(ordersByStatus, { source: 'positional', values: ['open', 5, false] })).toEqual([
      ['p_status', true, 'open'],
      ['p_limit', true, 5],
      ['p_count', false, null],
      ['p_flag', true, false],
    ]);
  });

  it('ignores a value given for an OUT parameter', () => {
    expect(valuesOf(ordersByStatus, named({ p_count: 99 }))[2]).toEqual(['p_count', false, null]);
  });

  it('takes query parameters that name a parameter and ignores the others', () => {
    expect(valuesOf(ordersByStatus, { source: 'query', values: { p_limit: '3', other: 'x' } })[1]).toEqual(['p_limit', true, 3]);
  });

  it('passes a JSON array to a PostgreSQL array parameter', () => {
    const f = makeRoutine({ name: 'f', params: [makeParam('IN', 'ids', 'integer[]', 1)] });
    expect(valuesOf(f, named({ ids: [1, 2] }))).toEqual([['ids', true, [1, 2]]]);
  });

  it('applies the lookup resolver to string values before typing them', () => {
    const bound = bindArguments(ordersByStatus, named({ p_limit: '{max}' }), postgres, (s) => s.replace('{max}', '7'));
    expect(bound[1]?.value).toBe(7);
  });

  it.each<[string, CallArguments, string]>([
    ['an unknown name', named({ p_nope: 1 }), "Unknown parameter 'p_nope' for procedure 'orders_by_status'."],
    ['a name given twice', named({ p_limit: 1, P_LIMIT: 2 }), "Parameter 'p_limit' is given more than once."],
    ['too many positional values', { source: 'positional', values: [1, 2, 3, 4] }, "Too many parameters for procedure 'orders_by_status': it takes 3."],
    ['a non-integer', named({ p_limit: 'ten' }), "Parameter 'p_limit' must be a valid integer."],
    ['a string beyond its length', named({ p_status: 'x'.repeat(17) }), "Parameter 'p_status' value is too long (max 16)."],
    ['an object for a scalar', named({ p_status: { a: 1 } }), "Parameter 'p_status' must be a scalar value."],
    ["an injection attempt in an integer", named({ p_limit: "1); DROP TABLE t; --" }), "Parameter 'p_limit' must be a valid integer."],
  ])('rejects %s with VALUE_INVALID', (_label, args, message) => {
    expect(() => bindArguments(ordersByStatus, args, postgres)).toThrow(
      expect.objectContaining({ reason: 'VALUE_INVALID', message }) as AppError,
    );
  });
});

describe('selectRoutine among PostgreSQL overloads', () => {
  const fn = (id: string, params: ReturnType<typeof makeParam>[]) =>
    makeRoutine({ name: 'ov', id, kind: 'function', engineKind: 'function', params, returns: { kind: 'scalar', type: 'integer', dbType: 'integer' } });
  const one = fn('1', [makeParam('IN', 'a', 'integer', 1)]);
  const two = fn('2', [makeParam('IN', 'a', 'text', 1), makeParam('IN', 'b', 'text', 2)]);
  const withDefault = fn('3', [makeParam('IN', 'c', 'integer', 1, { default: '0' })]);

  it.each<[string, CallArguments, Routine]>([
    ['by the names given', named({ b: 'x' }), two],
    ['the one whose inputs are all given, when names fit several', named({ a: 1 }), one],
    ['by positional count', { source: 'positional', values: [1, 2] }, two],
    ['by query names, ignoring unrelated keys', { source: 'query', values: { b: 'x', zzz: '1' } }, two],
  ])('picks %s', (_label, args, expected) => {
    expect(selectRoutine([one, two], args)).toBe(expected);
  });

  it('picks the overload whose missing inputs have defaults', () => {
    expect(selectRoutine([one, withDefault], named({}))).toBe(withDefault);
  });

  it('answers 400 when the arguments match more than one version', () => {
    const textOne = fn('4', [makeParam('IN', 'a', 'text', 1)]);
    expect(() => selectRoutine([one, textOne], named({ a: '1' }))).toThrow(
      expect.objectContaining({ reason: 'VALUE_INVALID', message: "Function 'ov' is overloaded and the given parameters match more than one version." }) as AppError,
    );
  });

  it('answers 400 when no version knows the names', () => {
    expect(() => selectRoutine([one, two], named({ z: 1 }))).toThrow(
      expect.objectContaining({ reason: 'VALUE_INVALID', message: "No version of function 'ov' takes the given parameters." }) as AppError,
    );
  });
});
