import { makeParam, makeRoutine } from '../../../test/routines/routine.factory';
import type { AppError } from '../../common/errors';
import { describeRoutine, describeRoutines, getRoutines, listRoutineNames } from './catalog';
import type { RoutineCatalog } from './routine.types';

const ordersByStatus = makeRoutine({
  name: 'orders_by_status',
  params: [makeParam('IN', 'p_status', 'varchar(16)', 1, { dbType: 'varchar', length: 16 }), makeParam('OUT', 'p_count', 'int', 2)],
});
const ov1 = makeRoutine({ name: 'ov', id: '1', kind: 'function', engineKind: 'function', returns: { kind: 'scalar', type: 'integer', dbType: 'integer' } });
const ov2 = makeRoutine({ name: 'ov', id: '2', kind: 'function', engineKind: 'function', returns: { kind: 'scalar', type: 'string', dbType: 'text' } });
const series = makeRoutine({
  name: 'Series', engineKind: 'function',
  returns: { kind: 'rows', columns: [{ name: 'i', type: 'integer', dbType: 'integer' }] },
});
const catalog: RoutineCatalog = { dialect: 'postgres', routines: [ordersByStatus, ov1, ov2, series] };

describe('routine catalog', () => {
  it('lists names per resource, each once, sorted', () => {
    expect(listRoutineNames(catalog, 'procedure')).toEqual(['orders_by_status', 'Series']);
    expect(listRoutineNames(catalog, 'function')).toEqual(['ov']);
  });

  it('finds every overload of a name', () => {
    expect(getRoutines(catalog, 'function', 'ov')).toEqual([ov1, ov2]);
  });

  it('matches names case-insensitively', () => {
    expect(getRoutines(catalog, 'procedure', 'ORDERS_BY_STATUS')).toEqual([ordersByStatus]);
  });

  it.each([
    ['procedure', 'ov', "Procedure 'ov' does not exist in the database."],
    ['function', 'orders_by_status', "Function 'orders_by_status' does not exist in the database."],
    ['procedure', 'orders_by_status; DROP TABLE t', "Procedure 'orders_by_status; DROP TABLE t' does not exist in the database."],
  ] as const)('answers 404 for a %s named %s', (kind, name, message) => {
    expect(() => getRoutines(catalog, kind, name)).toThrow(expect.objectContaining({ reason: 'ROUTINE_NOT_FOUND', message }) as AppError);
  });

  it('describes a routine in the contract shape', () => {
    expect(describeRoutine(ordersByStatus)).toEqual({
      alias: null, name: 'orders_by_status', label: 'Orders By Status', description: null, native: [],
      return_type: null, return_schema: [],
      params: [
        { name: 'p_status', position: 1, param_type: 'IN', type: 'string', db_type: 'varchar', length: 16, precision: null, scale: null, default: null },
        { name: 'p_count', position: 2, param_type: 'OUT', type: 'integer', db_type: 'int', length: null, precision: null, scale: null, default: null },
      ],
    });
  });

  it('gives set-returning functions return_type table and their columns', () => {
    expect(describeRoutine(series)).toMatchObject({ return_type: 'table', return_schema: [{ name: 'i', type: 'integer', db_type: 'integer' }] });
  });

  it('describes the names asked for, one descriptor per overload', () => {
    expect(describeRoutines(catalog, 'function', ['ov']).map((d) => d.return_type)).toEqual(['integer', 'string']);
  });
});
