import { makeParam, makeRoutine } from '../../../test/routines/routine.factory';
import type { CallOptions } from './routine.types';
import { shapeResult, type CallOutcome } from './shape-result';

const plain = makeRoutine({ name: 'list_orders', returns: { kind: 'result-sets' } });
const withOut = makeRoutine({
  name: 'orders_by_status',
  params: [makeParam('IN', 'p_status', 'varchar(16)', 1), makeParam('OUT', 'p_count', 'int', 2), makeParam('INOUT', 'p_ok', 'tinyint(1)', 3)],
});
const scalar = makeRoutine({
  name: 'order_total', kind: 'function', engineKind: 'function',
  returns: { kind: 'scalar', type: 'decimal', dbType: 'numeric' },
});

const rows = [{ id: 1 }, { id: 2 }];

describe('shapeResult', () => {
  it.each<[string, CallOutcome, CallOptions, unknown]>([
    ['one result set as a bare array', { resultSets: [rows] }, {}, rows],
    ['several result sets as an array of arrays', { resultSets: [rows, [{ b: 'x' }]] }, {}, [rows, [{ b: 'x' }]]],
    ['no result set as []', { resultSets: [] }, {}, []],
    ['rows under the wrapper', { resultSets: [rows] }, { wrapper: 'data' }, { data: rows }],
    ['the first column of the first row for returns=<type>', { resultSets: [[{ n: '5', m: 1 }]] }, { returns: 'integer' }, 5],
    ['null for returns=<type> without rows', { resultSets: [] }, { returns: 'integer' }, null],
    ['result columns typecast by schema', { resultSets: [[{ total: '12.50', n: '3' }]] }, { schema: { TOTAL: 'decimal' } }, [{ total: 12.5, n: '3' }]],
  ])('returns %s', (_label, outcome, options, body) => {
    expect(shapeResult(plain, outcome, options)).toEqual(body);
  });

  it.each<[string, CallOutcome, CallOptions, unknown]>([
    ['OUT values typecast by declared type, rows omitted when none', { resultSets: [], out: { p_count: '3', p_ok: 1 } }, {}, { p_count: 3, p_ok: true }],
    ['rows under resource beside OUT values', { resultSets: [rows], out: { p_count: 2, p_ok: 0 } }, {}, { resource: rows, p_count: 2, p_ok: false }],
    ['rows under the wrapper beside OUT values', { resultSets: [rows], out: { p_count: 2, p_ok: 0 } }, { wrapper: 'data' }, { data: rows, p_count: 2, p_ok: false }],
    ['OUT values typecast by schema', { resultSets: [], out: { p_count: 7, p_ok: 1 } }, { schema: { p_count: 'string' } }, { p_count: '7', p_ok: true }],
    ['the first OUT value for returns=<type> without rows', { resultSets: [], out: { p_count: '4', p_ok: 1 } }, { returns: 'integer' }, 4],
  ])('for a procedure with OUT parameters returns %s', (_label, outcome, options, body) => {
    expect(shapeResult(withOut, outcome, options)).toEqual(body);
  });

  it('returns a scalar function value bare, typecast by its return type', () => {
    expect(shapeResult(scalar, { resultSets: [[{ order_total: '125.50' }]] }, {})).toBe(125.5);
  });

  it('lets returns override the declared type of a scalar function', () => {
    expect(shapeResult(scalar, { resultSets: [[{ order_total: '125.50' }]] }, { returns: 'string' })).toBe('125.50');
  });

  it('returns a scalar function as rows with returns=table', () => {
    expect(shapeResult(scalar, { resultSets: [[{ order_total: '1' }]] }, { returns: 'table' })).toEqual([{ order_total: '1' }]);
  });

  it('writes dates and binary values of untyped columns as text', () => {
    const outcome = { resultSets: [[{ at: new Date(Date.UTC(2024, 0, 2, 10, 15, 0, 500)), bin: Buffer.from('hi') }]] };
    expect(shapeResult(plain, outcome, {})).toEqual([{ at: '2024-01-02 10:15:00.5', bin: 'aGk=' }]);
  });
});

describe('shapeResult for row-returning PostgreSQL functions', () => {
  const series = makeRoutine({
    name: 'orders_by_status', engineKind: 'function',
    returns: { kind: 'rows', columns: [{ name: 'id', type: 'integer', dbType: 'integer' }, { name: 'total', type: 'decimal', dbType: 'numeric' }] },
  });

  it('typecasts rows by the declared result columns', () => {
    expect(shapeResult(series, { resultSets: [[{ id: 1, total: '99.00' }]] }, {})).toEqual([{ id: 1, total: 99 }]);
  });

  it('lets schema override a declared column type', () => {
    const body = shapeResult(series, { resultSets: [[{ id: 1, total: '99.00' }]] }, { schema: { Total: 'string' } });
    expect(body).toEqual([{ id: 1, total: '99.00' }]);
  });
});
