import { describeRoutines, listRoutineNames } from '../../src/database/routines';
import { describeEachEngine } from '../helpers/test-databases';
import { failureOf, INJECTED_NAMES, INJECTED_VALUE, openRoutineHarness, type RoutineHarness } from './routine-harness';

const FIXTURE = `
CREATE TABLE orders (id serial PRIMARY KEY, status varchar(16) NOT NULL, total numeric(10,2) NOT NULL);
INSERT INTO orders (status, total) VALUES ('open', 99.00), ('open', 10.50), ('closed', 5.25);
CREATE TABLE canary (id int);
CREATE TABLE audit (note text);
CREATE PROCEDURE touch() LANGUAGE sql AS $$ INSERT INTO audit VALUES ('touched') $$;
CREATE PROCEDURE add_note(p_note text) LANGUAGE sql AS $$ INSERT INTO audit VALUES (p_note) $$;
CREATE PROCEDURE count_orders(IN p_status varchar, OUT p_count integer) LANGUAGE plpgsql
  AS $$ BEGIN SELECT count(*) INTO p_count FROM orders WHERE status = p_status; END $$;
CREATE PROCEDURE bump(INOUT p_value integer, IN p_step integer DEFAULT 1) LANGUAGE plpgsql
  AS $$ BEGIN p_value := p_value + p_step; END $$;
CREATE FUNCTION orders_by_status(p_status varchar) RETURNS TABLE (id integer, status varchar, total numeric)
  LANGUAGE sql AS $$ SELECT o.id, o.status, o.total FROM orders o WHERE o.status = p_status ORDER BY o.id $$;
CREATE FUNCTION min_max(OUT lo numeric, OUT hi numeric) LANGUAGE sql AS $$ SELECT min(total), max(total) FROM orders $$;
CREATE FUNCTION order_total(order_id integer) RETURNS numeric LANGUAGE sql AS $$ SELECT total FROM orders WHERE id = order_id $$;
CREATE FUNCTION is_even(n integer) RETURNS boolean LANGUAGE sql AS $$ SELECT n % 2 = 0 $$;
CREATE FUNCTION echo_text(p text) RETURNS text LANGUAGE sql AS $$ SELECT p $$;
CREATE FUNCTION ov(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
CREATE FUNCTION ov(a text, b text) RETURNS text LANGUAGE sql AS $$ SELECT a || b $$;
CREATE FUNCTION fail_with(p_message text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '%', p_message; END $$;
CREATE FUNCTION broken() RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM missing_table); END $$;
CREATE FUNCTION slow(p_seconds float8) RETURNS void LANGUAGE sql AS $$ SELECT pg_sleep(p_seconds) $$;
CREATE AGGREGATE my_sum(integer) (SFUNC = int4pl, STYPE = integer);
CREATE FUNCTION on_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE SCHEMA other;
CREATE FUNCTION other.hidden() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
`;

describeEachEngine('routines', (engine) => {
  let h: RoutineHarness;
  beforeAll(async () => {
    h = await openRoutineHarness('postgres', FIXTURE);
  });
  afterAll(async () => {
    await h.close();
  });
  const audit = async () => ((await h.dataSource.query('SELECT note FROM audit')) as { note: string }[]).map((r) => r.note);

  describe(`catalog [${engine}]`, () => {
    it('lists procedures and row-returning functions under _proc, scalar functions under _func', async () => {
      const catalog = await h.catalog();
      expect(listRoutineNames(catalog, 'procedure')).toEqual(
        ['add_note', 'bump', 'count_orders', 'fail_with', 'min_max', 'orders_by_status', 'slow', 'touch'],
      );
      expect(listRoutineNames(catalog, 'function')).toEqual(['broken', 'echo_text', 'is_even', 'order_total', 'ov']);
    });

    it('describes parameters with mode, type and default', async () => {
      const [bump] = describeRoutines(await h.catalog(), 'procedure', ['bump']);
      expect(bump?.params).toEqual([
        { name: 'p_value', position: 1, param_type: 'INOUT', type: 'integer', db_type: 'integer', length: null, precision: null, scale: null, default: null },
        { name: 'p_step', position: 2, param_type: 'IN', type: 'integer', db_type: 'integer', length: null, precision: null, scale: null, default: '1' },
      ]);
    });

    it('describes a set-returning function as a table with its columns', async () => {
      const [d] = describeRoutines(await h.catalog(), 'procedure', ['orders_by_status']);
      expect(d).toMatchObject({
        return_type: 'table',
        return_schema: [{ name: 'id', type: 'integer' }, { name: 'status', type: 'string' }, { name: 'total', type: 'decimal' }],
      });
    });
  });

  describe(`calls [${engine}]`, () => {
    it('calls a procedure without arguments', async () => {
      await expect(h.call('procedure', 'touch')).resolves.toEqual([]);
      expect(await audit()).toContain('touched');
    });

    it('passes IN arguments from a POST body', async () => {
      await expect(h.call('procedure', 'add_note', { body: { params: [{ name: 'p_note', value: 'from body' }] } })).resolves.toEqual([]);
      expect(await audit()).toContain('from body');
    });

    it('returns OUT values, with IN arguments from the query string', async () => {
      await expect(h.call('procedure', 'count_orders', { query: { p_status: 'open', api_key: 'k' } })).resolves.toEqual({ p_count: 2 });
    });

    it.each([
      ['the object form with a default', { params: { p_value: 41 } }, 42],
      ['the positional form', { params: [1, 10] }, 11],
      ['{value} objects', { params: { p_value: { value: 1 }, p_step: { value: '2' } } }, 3],
    ])('returns INOUT values, from %s', async (_label, body, expected) => {
      await expect(h.call('procedure', 'bump', { body })).resolves.toEqual({ p_value: expected });
    });

    it('returns the rows of a set-returning function, typed by its columns', async () => {
      await expect(h.call('procedure', 'orders_by_status', { query: { p_status: 'open' } })).resolves.toEqual([
        { id: 1, status: 'open', total: 99 },
        { id: 2, status: 'open', total: 10.5 },
      ]);
    });

    it('wraps rows with wrapper', async () => {
      await expect(h.call('procedure', 'orders_by_status', { body: { params: ['closed'], wrapper: 'data' } })).resolves.toEqual({
        data: [{ id: 3, status: 'closed', total: 5.25 }],
      });
    });

    it('returns OUT values of a function with OUT parameters', async () => {
      await expect(h.call('procedure', 'min_max')).resolves.toEqual({ lo: 5.25, hi: 99 });
    });

    it.each([
      ['order_total', { order_id: '1' }, 99],
      ['is_even', { n: '4' }, true],
      ['ov', { a: '5' }, 5],
    ])('returns the bare value of scalar function %s', async (name, query, expected) => {
      await expect(h.call('function', name, { query })).resolves.toBe(expected);
    });

    it('picks an overload by the parameter names given', async () => {
      await expect(h.call('function', 'ov', { body: { params: { a: 'x', b: 'y' } } })).resolves.toBe('xy');
    });

    it('typecasts a scalar by returns', async () => {
      await expect(h.call('function', 'order_total', { query: { order_id: '1', returns: 'string' } })).resolves.toBe('99.00');
    });

    it('resolves routine and parameter names case-insensitively', async () => {
      await expect(h.call('function', 'ORDER_TOTAL', { body: { params: { ORDER_ID: 2 } } })).resolves.toBe(10.5);
    });
  });

  describe(`errors [${engine}]`, () => {
    it.each([
      ['a string for an integer', 'order_total', { order_id: 'abc' }, "Parameter 'order_id' must be a valid integer."],
      ['a fraction for an integer', 'is_even', { n: 1.5 }, "Parameter 'n' must be a valid integer."],
      ['an unknown parameter', 'echo_text', { nope: 1 }, "Unknown parameter 'nope' for function 'echo_text'."],
    ])('answers VALUE_INVALID for %s', async (_label, name, params, message) => {
      await expect(failureOf(h.call('function', name, { body: { params } }))).resolves.toEqual({ reason: 'VALUE_INVALID', message });
    });

    it('answers ROUTINE_NOT_FOUND for an unknown routine, and for a function asked as a procedure', async () => {
      await expect(failureOf(h.call('procedure', 'nope'))).resolves.toEqual({
        reason: 'ROUTINE_NOT_FOUND', message: "Procedure 'nope' does not exist in the database.",
      });
      await expect(failureOf(h.call('function', 'touch'))).resolves.toMatchObject({ reason: 'ROUTINE_NOT_FOUND' });
    });

    it('does not serve aggregates, triggers or routines of other schemas', async () => {
      for (const name of ['my_sum', 'on_insert', 'hidden', 'other.hidden']) {
        await expect(failureOf(h.call('function', name))).resolves.toMatchObject({ reason: 'ROUTINE_NOT_FOUND' });
      }
    });

    it("answers ROUTINE_ERROR with the routine's own RAISE EXCEPTION message", async () => {
      await expect(failureOf(h.call('procedure', 'fail_with', { query: { p_message: 'Order 7 is closed.' } }))).resolves.toEqual({
        reason: 'ROUTINE_ERROR', message: 'Order 7 is closed.',
      });
    });

    it('answers INTERNAL without driver text for other database errors', async () => {
      await expect(failureOf(h.call('function', 'broken'))).resolves.toEqual({
        reason: 'INTERNAL', message: 'Failed to call database stored procedure.',
      });
    });

    it('answers DB_TIMEOUT past the statement timeout and restores the session setting', async () => {
      const runner = h.dataSource.createQueryRunner();
      try {
        const run = (text: string, params?: unknown[]) => runner.query(text, params);
        await expect(failureOf(h.callOn(run, 'procedure', 'slow', { query: { p_seconds: '2' } }, 200))).resolves.toEqual({
          reason: 'DB_TIMEOUT', message: 'The query exceeded the 200 ms statement timeout.',
        });
        await expect(runner.query('SHOW statement_timeout')).resolves.toEqual([{ statement_timeout: '0' }]);
      } finally {
        await runner.release();
      }
    });
  });

  describe(`injection [${engine}]`, () => {
    it.each(INJECTED_NAMES)('answers 404 for the name %p and executes nothing', async (name) => {
      await expect(failureOf(h.call('procedure', name))).resolves.toMatchObject({ reason: 'ROUTINE_NOT_FOUND' });
      expect(await h.tableExists('canary')).toBe(true);
    });

    it('binds values: an injection attempt comes back as plain text', async () => {
      await expect(h.call('function', 'echo_text', { query: { p: INJECTED_VALUE } })).resolves.toBe(INJECTED_VALUE);
      await expect(h.call('procedure', 'add_note', { body: { params: [INJECTED_VALUE] } })).resolves.toEqual([]);
      expect(await audit()).toContain(INJECTED_VALUE);
      expect(await h.tableExists('canary')).toBe(true);
    });

    it('rejects an injection attempt in a typed value before it reaches the database', async () => {
      await expect(failureOf(h.call('function', 'order_total', { query: { order_id: '1; DROP TABLE canary' } }))).resolves.toMatchObject({
        reason: 'VALUE_INVALID',
      });
      expect(await h.tableExists('canary')).toBe(true);
    });
  });
}, ['postgres']);
