import { describeRoutines, listRoutineNames } from '../../src/database/routines';
import { describeEachEngine } from '../helpers/test-databases';
import { failureOf, INJECTED_NAMES, INJECTED_VALUE, openRoutineHarness, type RoutineHarness } from './routine-harness';

/** One script: the server parses compound statements itself, no DELIMITER needed. */
const FIXTURE = `
CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, status VARCHAR(16) NOT NULL, total DECIMAL(10,2) NOT NULL);
INSERT INTO orders (status, total) VALUES ('open', 99.00), ('open', 10.50), ('closed', 5.25);
CREATE TABLE canary (id INT);
CREATE TABLE audit (note TEXT);
CREATE PROCEDURE touch() INSERT INTO audit VALUES ('touched');
CREATE PROCEDURE add_note(IN p_note TEXT) INSERT INTO audit VALUES (p_note);
CREATE PROCEDURE count_orders(IN p_status VARCHAR(16), OUT p_count INT)
  SELECT COUNT(*) INTO p_count FROM orders WHERE status = p_status;
CREATE PROCEDURE bump(INOUT p_value INT, IN p_step INT) SET p_value = p_value + COALESCE(p_step, 1);
CREATE PROCEDURE orders_by_status(IN p_status VARCHAR(16), OUT p_count INT) COMMENT 'Orders in a status'
BEGIN
  SELECT id, status, total FROM orders WHERE status = p_status ORDER BY id;
  SELECT COUNT(*) INTO p_count FROM orders WHERE status = p_status;
END;
CREATE PROCEDURE two_sets() BEGIN SELECT id FROM orders ORDER BY id; SELECT 'x' AS label; END;
CREATE PROCEDURE fail_with(IN p_message VARCHAR(128)) SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = p_message;
CREATE PROCEDURE broken() SELECT * FROM missing_table;
CREATE PROCEDURE slow() SELECT SLEEP(2) AS slept;
CREATE FUNCTION order_total(order_id INT) RETURNS DECIMAL(10,2) READS SQL DATA RETURN (SELECT total FROM orders WHERE id = order_id);
CREATE FUNCTION is_even(n INT) RETURNS TINYINT(1) DETERMINISTIC RETURN n % 2 = 0;
CREATE FUNCTION echo_text(p TEXT) RETURNS TEXT DETERMINISTIC RETURN p;
`;

describeEachEngine('routines', (engine) => {
  let h: RoutineHarness;
  beforeAll(async () => {
    h = await openRoutineHarness('mysql', FIXTURE);
  });
  afterAll(async () => {
    await h.close();
  });
  const audit = async () => ((await h.dataSource.query('SELECT note FROM audit')) as { note: string }[]).map((r) => r.note);

  describe(`catalog [${engine}]`, () => {
    it('lists procedures under _proc and functions under _func', async () => {
      const catalog = await h.catalog();
      expect(listRoutineNames(catalog, 'procedure')).toEqual(
        ['add_note', 'broken', 'bump', 'count_orders', 'fail_with', 'orders_by_status', 'slow', 'touch', 'two_sets'],
      );
      expect(listRoutineNames(catalog, 'function')).toEqual(['echo_text', 'is_even', 'order_total']);
    });

    it('describes parameters as the contract shows them', async () => {
      const [d] = describeRoutines(await h.catalog(), 'procedure', ['orders_by_status']);
      expect(d).toEqual({
        alias: null, name: 'orders_by_status', label: 'Orders By Status', description: 'Orders in a status', native: [],
        return_type: null, return_schema: [],
        params: [
          { name: 'p_status', position: 1, param_type: 'IN', type: 'string', db_type: 'varchar', length: 16, precision: null, scale: null, default: null },
          { name: 'p_count', position: 2, param_type: 'OUT', type: 'integer', db_type: 'int', length: null, precision: null, scale: null, default: null },
        ],
      });
    });

    it('describes a function return type', async () => {
      const [d] = describeRoutines(await h.catalog(), 'function', ['is_even']);
      expect(d?.return_type).toBe('boolean');
    });
  });

  describe(`calls [${engine}]`, () => {
    it('calls a procedure without arguments and without result sets', async () => {
      await expect(h.call('procedure', 'touch')).resolves.toEqual([]);
      expect(await audit()).toContain('touched');
    });

    it('passes IN arguments from a POST body', async () => {
      await expect(h.call('procedure', 'add_note', { body: { params: [{ name: 'p_note', value: 'from body', param_type: 'IN' }] } })).resolves.toEqual([]);
      expect(await audit()).toContain('from body');
    });

    it('returns OUT values, with IN arguments from the query string', async () => {
      await expect(h.call('procedure', 'count_orders', { query: { p_status: 'open' } })).resolves.toEqual({ p_count: 2 });
    });

    it('returns INOUT values', async () => {
      await expect(h.call('procedure', 'bump', { body: { params: { p_value: 41 } } })).resolves.toEqual({ p_value: 42 });
    });

    it('does not let an INOUT value of one call leak into the next on the same connection', async () => {
      const runner = h.dataSource.createQueryRunner();
      try {
        const run = (text: string, params?: unknown[]) => runner.query(text, params);
        await expect(h.callOn(run, 'procedure', 'bump', { body: { params: { p_value: 5 } } })).resolves.toEqual({ p_value: 6 });
        await expect(h.callOn(run, 'procedure', 'bump')).resolves.toEqual({ p_value: null });
      } finally {
        await runner.release();
      }
    });

    it('returns a result set beside OUT values, as in the contract example', async () => {
      await expect(h.call('procedure', 'orders_by_status', { body: { params: [{ name: 'p_status', value: 'open' }], schema: { total: 'decimal' } } }))
        .resolves.toEqual({ resource: [{ id: 1, status: 'open', total: 99 }, { id: 2, status: 'open', total: 10.5 }], p_count: 2 });
    });

    it('returns several result sets as an array of arrays', async () => {
      await expect(h.call('procedure', 'two_sets')).resolves.toEqual([[{ id: 1 }, { id: 2 }, { id: 3 }], [{ label: 'x' }]]);
    });

    it('wraps result sets with wrapper and reads a scalar with returns', async () => {
      await expect(h.call('procedure', 'orders_by_status', { body: { params: ['closed'], wrapper: 'data' } })).resolves.toEqual({
        data: [{ id: 3, status: 'closed', total: '5.25' }], p_count: 1,
      });
      await expect(h.call('procedure', 'two_sets', { query: { returns: 'string' } })).resolves.toBe('1');
    });

    it.each([
      ['order_total', { order_id: '1' }, 99],
      ['is_even', { n: '4' }, true],
      ['is_even', { n: '3' }, false],
    ])('returns the bare value of function %s', async (name, query, expected) => {
      await expect(h.call('function', name, { query })).resolves.toBe(expected);
    });

    it('takes inline positional values', async () => {
      await expect(h.call('function', 'order_total', { inline: ['2'] })).resolves.toBe(10.5);
    });
  });

  describe(`errors [${engine}]`, () => {
    it.each([
      ['a string for an integer', 'function', 'order_total', { order_id: 'abc' }, "Parameter 'order_id' must be a valid integer."],
      ['a string beyond its length', 'procedure', 'count_orders', { p_status: 'x'.repeat(17) }, "Parameter 'p_status' value is too long (max 16)."],
      ['an unknown parameter', 'procedure', 'count_orders', { nope: 1 }, "Unknown parameter 'nope' for procedure 'count_orders'."],
    ] as const)('answers VALUE_INVALID for %s', async (_label, kind, name, params, message) => {
      await expect(failureOf(h.call(kind, name, { body: { params } }))).resolves.toEqual({ reason: 'VALUE_INVALID', message });
    });

    it('answers ROUTINE_NOT_FOUND for an unknown routine', async () => {
      await expect(failureOf(h.call('function', 'nope'))).resolves.toEqual({
        reason: 'ROUTINE_NOT_FOUND', message: "Function 'nope' does not exist in the database.",
      });
    });

    it("answers ROUTINE_ERROR with the routine's own SIGNAL message", async () => {
      await expect(failureOf(h.call('procedure', 'fail_with', { query: { p_message: 'Order 7 is closed.' } }))).resolves.toEqual({
        reason: 'ROUTINE_ERROR', message: 'Order 7 is closed.',
      });
    });

    it('answers INTERNAL without driver text for other database errors', async () => {
      await expect(failureOf(h.call('procedure', 'broken'))).resolves.toEqual({
        reason: 'INTERNAL', message: 'Failed to call database stored procedure.',
      });
    });

    it('answers DB_TIMEOUT past the statement timeout and restores the session setting', async () => {
      const runner = h.dataSource.createQueryRunner();
      try {
        const run = (text: string, params?: unknown[]) => runner.query(text, params);
        await expect(failureOf(h.callOn(run, 'procedure', 'slow', {}, 200))).resolves.toEqual({
          reason: 'DB_TIMEOUT', message: 'The query exceeded the 200 ms statement timeout.',
        });
        await expect(runner.query('SELECT @@SESSION.max_statement_time AS t')).resolves.toEqual([{ t: 0 }]);
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
      await expect(h.call('procedure', 'bump', { body: { params: { p_value: '1; DROP TABLE canary' } } })).rejects.toMatchObject({
        reason: 'VALUE_INVALID',
      });
      await expect(h.call('procedure', 'add_note', { body: { params: [INJECTED_VALUE] } })).resolves.toEqual([]);
      expect(await audit()).toContain(INJECTED_VALUE);
      expect(await h.tableExists('canary')).toBe(true);
    });
  });
}, ['mysql']);
