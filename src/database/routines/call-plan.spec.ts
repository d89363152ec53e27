import { makeParam, makeRoutine } from '../../../test/routines/routine.factory';
import { mysql, postgres } from '../dialect';
import type { BoundArgument } from './arguments';
import { buildCall } from './call-plan';
import type { Routine } from './routine.types';

const given = (routine: Routine, values: Record<string, unknown>): BoundArgument[] =>
  routine.params.map((param) =>
    param.name in values && param.mode !== 'OUT'
      ? { param, supplied: true, value: values[param.name] }
      : { param, supplied: false, value: null },
  );

const addOrder = makeRoutine({
  name: 'add_order',
  params: [
    makeParam('IN', 'p_total', 'numeric', 1),
    makeParam('IN', 'p_status', 'text', 2, { default: "'open'::text" }),
    makeParam('OUT', 'p_id', 'integer', 3),
    makeParam('INOUT', 'p_note', 'character varying', 4),
  ],
});

describe('buildCall for postgres', () => {
  it('calls a procedure with named, cast arguments, typed NULLs for OUT and defaults left out', () => {
    const plan = buildCall(postgres, addOrder, given(addOrder, { p_total: '9.5', p_note: 'x' }));
    expect(plan.before).toEqual([]);
    expect(plan.call).toEqual({
      text: 'CALL "public"."add_order"("p_total" => $1::numeric, "p_id" => NULL::integer, "p_note" => $2::character varying)',
      params: ['9.5', 'x'],
    });
  });

  it('binds NULL for a missing argument without default', () => {
    const plan = buildCall(postgres, addOrder, given(addOrder, {}));
    expect(plan.call.params).toEqual([null, null]);
  });

  it.each([
    ['scalar', { kind: 'scalar', type: 'decimal', dbType: 'numeric' }, 'SELECT "s"."f"("a" => $1::integer) AS "f"'],
    ['row-set', { kind: 'rows', columns: [] }, 'SELECT * FROM "s"."f"("a" => $1::integer)'],
    ['out-row', { kind: 'out' }, 'SELECT * FROM "s"."f"("a" => $1::integer)'],
    ['void', { kind: 'none' }, 'SELECT "s"."f"("a" => $1::integer)'],
  ] as const)('selects from a %s function, never passing its OUT parameters', (_label, returns, text) => {
    const f = makeRoutine({
      name: 'f', schema: 's', kind: 'function', engineKind: 'function', returns,
      params: [makeParam('IN', 'a', 'integer', 1), makeParam('OUT', 'b', 'integer', 2)],
    });
    expect(buildCall(postgres, f, given(f, { a: 1 })).call).toEqual({ text, params: [1] });
  });

  it('uses positional notation when a parameter is unnamed, leaving out only trailing defaults', () => {
    const f = makeRoutine({
      name: 'f', kind: 'function', engineKind: 'function', returns: { kind: 'scalar', type: 'integer', dbType: 'integer' },
      params: [
        makeParam('IN', '', 'integer', 1, { default: '1' }),
        makeParam('IN', 'b', 'integer', 2),
        makeParam('IN', 'c', 'integer', 3, { default: '3' }),
      ],
    });
    expect(buildCall(postgres, f, given(f, { b: 7 })).call).toEqual({
      text: 'SELECT "public"."f"($1::integer, $2::integer) AS "f"',
      params: [null, 7],
    });
  });

  it('quotes names from the catalog, whatever they contain', () => {
    const odd = makeRoutine({ name: 'x"; DROP TABLE t; --', params: [makeParam('IN', 'a"b', 'text', 1)] });
    expect(buildCall(postgres, odd, given(odd, { 'a"b': "'); DROP TABLE t; --" })).call).toEqual({
      text: 'CALL "public"."x""; DROP TABLE t; --"("a""b" => $1::text)',
      params: ["'); DROP TABLE t; --"],
    });
  });
});

describe('buildCall for mysql', () => {
  const proc = makeRoutine({
    name: 'add_order', schema: 'shop', returns: { kind: 'result-sets' },
    params: [makeParam('IN', 'p_total', 'decimal(10,2)', 1), makeParam('OUT', 'p_id', 'int(11)', 2), makeParam('INOUT', 'p_note', 'varchar(20)', 3)],
  });

  it('passes OUT/INOUT through session variables it names itself, set before and read after', () => {
    const plan = buildCall(mysql, proc, given(proc, { p_total: '9.50', p_note: 'hi' }));
    expect(plan.before).toEqual([{ text: 'SET @__routine_arg_2 = ?, @__routine_arg_3 = ?', params: [null, 'hi'] }]);
    expect(plan.call).toEqual({ text: 'CALL `add_order`(?, @__routine_arg_2, @__routine_arg_3)', params: ['9.50'] });
    expect(plan.after).toEqual({ text: 'SELECT @__routine_arg_2 AS out_2, @__routine_arg_3 AS out_3', params: [] });
  });

  it('calls a procedure without OUT parameters in one statement', () => {
    const p = makeRoutine({ name: 'list', returns: { kind: 'result-sets' }, params: [makeParam('IN', 'n', 'int', 1)] });
    const plan = buildCall(mysql, p, given(p, {}));
    expect(plan).toEqual({ routine: p, before: [], call: { text: 'CALL `list`(?)', params: [null] } });
  });

  it('selects a function', () => {
    const f = makeRoutine({
      name: 'total', kind: 'function', engineKind: 'function', returns: { kind: 'scalar', type: 'decimal', dbType: 'decimal' },
      params: [makeParam('IN', 'a', 'int', 1), makeParam('IN', 'b', 'int', 2)],
    });
    expect(buildCall(mysql, f, given(f, { a: 1, b: 2 })).call).toEqual({ text: 'SELECT `total`(?, ?) AS `total`', params: [1, 2] });
  });
});
