/**
 * Every construct the compiler emits, run on the real engines: date/time functions, the ESCAPE
 * clause, text casts, typed values (decimal, bigint beyond 2^53, uuid, json, dates with offsets),
 * HAVING over aggregates and ORDER BY … NULLS LAST. Each engine must accept the SQL and agree on
 * the rows.
 */
import { DIALECTS } from '../../src/database/dialect';
import { render, type Part } from '../../src/database/sql/parts';
import { buildFilterSql, buildHavingSql, clearFilterCache, orderParts, parseOrder } from '../../src/filter';
import { createTestDatabase, describeEachEngine, type EngineName, type TestDatabase } from '../helpers/test-databases';
import { column, lookup, table } from './fixtures';

const things = table('things', [
  column('id', 'id', 'integer', { isPrimaryKey: true }),
  column('created_at', 'timestamp', 'timestamp'),
  column('birthday', 'date', 'date'),
  column('opens_at', 'time', 'time'),
  column('balance', 'decimal', 'numeric(10,2)'),
  column('score', 'double', 'double precision'),
  column('big', 'bigint', 'bigint'),
  column('uid', 'uuid', 'uuid'),
  column('data', 'json', 'json'),
  column('active', 'boolean', 'boolean'),
  column('status', 'string', 'varchar(20)', { length: 20 }),
]);

const DDL: Readonly<Record<EngineName, string>> = {
  postgres: `CREATE TABLE things (id integer PRIMARY KEY, created_at timestamp, birthday date, opens_at time,
    balance numeric(10,2), score double precision, big bigint, uid uuid, data json, active boolean, status varchar(20))`,
  mysql: `CREATE TABLE things (id int PRIMARY KEY, created_at datetime, birthday date, opens_at time,
    balance decimal(10,2), score double, big bigint, uid char(36), data json, active tinyint(1), status varchar(20))`,
  sqlite: `CREATE TABLE things (id INTEGER PRIMARY KEY, created_at DATETIME, birthday DATE, opens_at TIME,
    balance NUMERIC(10,2), score DOUBLE, big BIGINT, uid CHAR(36), data TEXT, active BOOLEAN, status VARCHAR(20))`,
};

const UID = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
const ROWS: readonly unknown[][] = [
  [1, '2020-01-02 08:15:00', '2024-02-29', '09:30:00', '12.50', 2.5, '9007199254740993', UID, '{"a":1}', true, 'a%b'],
  [2, '2021-06-01 00:00:00', '1990-05-17', '18:00:00', '7.00', null, '9007199254740992', null, '[1,2]', false, 'axb'],
  [3, null, null, null, null, 4, '-5', null, null, null, 'paid'],
  [4, '2019-03-04 05:06:07', '2000-01-01', '00:00:00', '100.25', 1, '0', null, null, true, 'paid'],
];

async function seed(db: TestDatabase): Promise<void> {
  const dialect = DIALECTS[db.engine];
  await db.exec(DDL[db.engine]);
  for (const row of ROWS) {
    const values = row.map((v) => (typeof v === 'boolean' ? dialect.bindBoolean(v) : v));
    const parts: Part[] = ['INSERT INTO things VALUES (', ...values.flatMap((v, i): Part[] => (i > 0 ? [', ', { param: v }] : [{ param: v }])), ')'];
    const { text, params } = render(parts, dialect);
    await db.query(text, params);
  }
}

const CASES: readonly (readonly [string, readonly number[]])[] = [
  ['created_at < NOW()', [1, 2, 4]],
  ['created_at <= CURRENT_TIMESTAMP AND birthday < CURRENT_DATE', [1, 2, 4]],
  ['birthday < (NOW()) AND created_at > ((CURRENT_DATE))', []],
  ['opens_at < CURRENT_TIME OR opens_at >= CURRENT_TIME', [1, 2, 4]],
  ["birthday = '2024-02-29T00:00:00Z'", [1]],
  ["created_at = '2020-01-02T10:15:00+02:00'", [1]],
  ["created_at BETWEEN '2020-01-01' AND 2021-06-01", [1, 2]],
  ['balance = 12.5 OR balance > 1e2', [1, 4]],
  ['big = 9007199254740993', [1]],
  ['big IN (9007199254740992, -5)', [2, 3]],
  [`uid = '${UID.toUpperCase()}'`, [1]],
  [`data = '{"a":1}'`, [1]],
  [`data CONTAINS '"a"' OR data STARTS WITH '['`, [1, 2]],
  ['score CONTAINS 5 OR birthday STARTS WITH 2000', [1, 4]],
  ['active = yes', [1, 4]],
  ['active != true', [2]],
  ["status LIKE 'a\\%b'", [1]],
  ["status LIKE 'a_b' AND status NOT CONTAINS '%'", [2]],
  ['status ENDS WITH %b', [1]],
  ["status NOT IN ('paid', {user.last_login_date})", []],
  ['score NOT IN ()', [1, 2, 3, 4]],
  ['NOT (score > 2) AND id <= {user.id}', [4]],
];

describeEachEngine('compiled filters on the engine', (engine) => {
  let db: TestDatabase;
  const dialect = DIALECTS[engine];

  beforeAll(async () => {
    clearFilterCache();
    db = await createTestDatabase(engine, 'filteracc');
    await seed(db);
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function ids(where: Part[], order: Part[] = [{ ident: 'id' }]): Promise<number[]> {
    const sql = render(['SELECT id FROM things WHERE ', ...where, ' ORDER BY ', ...order], dialect);
    return (await db.query<{ id: number }>(sql.text, sql.params)).map((r) => Number(r.id));
  }

  it.each(CASES)('runs %j', async (filter, expected) => {
    expect(await ids(buildFilterSql(filter, things, dialect, { lookup }))).toEqual(expected);
  });

  it('orders with NULLS LAST and NULLS FIRST', async () => {
    const all = ['1 = 1'];
    expect(await ids(all, orderParts(parseOrder('score desc nulls last, id', things), dialect))).toEqual([3, 1, 4, 2]);
    expect(await ids(all, orderParts(parseOrder('score ASC NULLS FIRST', things), dialect))).toEqual([2, 4, 1, 3]);
  });

  it('filters groups with HAVING over aggregates', async () => {
    const having = buildHavingSql('SUM(balance) > 10 AND COUNT(*) >= 1 AND MAX(birthday) > 1999-12-31 AND AVG_score >= 1', things, ['status'], dialect, {});
    const sql = render(['SELECT ', { ident: 'status' }, ', COUNT(*) AS ', { ident: 'COUNT_ALL' }, ' FROM things GROUP BY ', { ident: 'status' },
      ' HAVING ', ...having, ' ORDER BY ', { ident: 'status' }], dialect);
    const rows = await db.query<{ status: string; COUNT_ALL: number }>(sql.text, sql.params);
    expect(rows.map((r) => [r.status, Number(r.COUNT_ALL)])).toEqual([['a%b', 1], ['paid', 2]]);
    const matched = buildHavingSql('SUM(balance) STARTS WITH 1 OR MIN(status) CONTAINS x', things, ['status'], dialect, {});
    const text = render(['SELECT ', { ident: 'status' }, ' FROM things GROUP BY ', { ident: 'status' }, ' HAVING ', ...matched, ' ORDER BY ', { ident: 'status' }], dialect);
    expect((await db.query<{ status: string }>(text.text, text.params)).map((r) => r.status)).toEqual(['a%b', 'axb', 'paid']);
  });
});
