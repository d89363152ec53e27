/**
 * Differential test: random rows and random filters; the JS reference model (SQL three-valued
 * logic) must select exactly the rows SQLite, PostgreSQL and MariaDB select. Each engine gets a
 * fresh database, created and dropped here; each filter runs as one query.
 */
import fc from 'fast-check';
import { DIALECTS } from '../../src/database/dialect';
import { render, type Part } from '../../src/database/sql/parts';
import type { MatchOp, Operand, Value } from '../../src/filter/ast';
import { checkFilter } from '../../src/filter/check';
import { compileFilter } from '../../src/filter/compile';
import { parseFilter } from '../../src/filter/parser';
import { print } from '../../src/filter/print';
import { tableResolver } from '../../src/filter/targets';
import { createTestDatabase, describeEachEngine, type EngineName, type TestDatabase } from '../helpers/test-databases';
import { filterArb } from './arbitraries';
import { column, guestLookup, table } from './fixtures';
import { evaluate, type Row } from './reference-model';

const rowsTable = table('diff_rows', [
  column('id', 'id', 'integer', { isPrimaryKey: true, allowNull: false }),
  column('n', 'integer', 'integer'),
  column('f', 'double', 'double precision'),
  column('s', 'string', 'varchar(20)', { length: 20 }),
  column('b', 'boolean', 'boolean'),
  column('d', 'date', 'date'),
]);

/** Byte-order collations, so text ordering is the same everywhere (and the model's). */
const DDL: Readonly<Record<EngineName, string>> = {
  postgres: 'CREATE TABLE diff_rows (id integer PRIMARY KEY, n integer, f double precision, s varchar(20) COLLATE "C", b boolean, d date)',
  mysql: 'CREATE TABLE diff_rows (id int PRIMARY KEY, n int, f double, s varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, b tinyint(1), d date)',
  sqlite: 'CREATE TABLE diff_rows (id INTEGER PRIMARY KEY, n INTEGER, f DOUBLE, s VARCHAR(20), b BOOLEAN, d DATE)',
};

// Lower case, digits and the LIKE specials only: every engine then agrees on case and order.
const TEXT_CHARS = ['a', 'b', 'c', '1', '%', '_', '\\'];
const FLOATS = [-2.5, -1, 0, 0.5, 1.25, 3];
const DATES = ['2023-12-31', '2024-01-01', '2024-02-29', '2025-06-15'];

const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { freq: 5, nil: null });
const textArb = fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 4 }).map((c) => c.join(''));

const rowArb = fc.record({
  n: nullable(fc.integer({ min: -5, max: 5 })),
  f: nullable(fc.constantFrom(...FLOATS)),
  s: nullable(textArb),
  b: nullable(fc.boolean()),
  d: nullable(fc.constantFrom(...DATES)),
});

const ROWS: readonly Row[] = fc.sample(rowArb, { numRuns: 50, seed: 20260301 }).map((r, i) => ({ id: i + 1, ...r }));

const str = (value: string): Value => ({ kind: 'string', value });
const bare = (value: string): Value => ({ kind: 'bare', value });
/** A known lookup without a value: binds NULL, which exercises three-valued logic. */
const NULL_VALUE: Value = { kind: 'lookup', key: 'user.id', modifier: null };

function valueArb(operand: Operand): fc.Arbitrary<Value> {
  const name = operand.kind === 'field' ? operand.name : '';
  const typed: Record<string, fc.Arbitrary<Value>> = {
    id: fc.integer({ min: 0, max: 52 }).map((n) => bare(String(n))),
    n: fc.integer({ min: -6, max: 6 }).map((n) => bare(String(n))),
    f: fc.constantFrom(...FLOATS, -3, 2).map((n) => bare(String(n))),
    s: textArb.map(str),
    b: fc.constantFrom('true', 'false', '1', '0', 'yes', 'off').map(bare),
    d: fc.constantFrom(...DATES, '2024-01-15').map(str),
  };
  return fc.oneof({ arbitrary: typed[name] as fc.Arbitrary<Value>, weight: 9 }, { arbitrary: fc.constant(NULL_VALUE), weight: 1 });
}

const LIKE_PIECES = ['a', 'b', 'c', '1', '%', '_', '\\%', '\\_', '\\\\'];

function patternArb(operand: Operand, op: MatchOp): fc.Arbitrary<Value> {
  const name = operand.kind === 'field' ? operand.name : '';
  if (name === 'n') return fc.constantFrom('1', '-', '2', '-3', '5').map(bare);
  if (op === 'like') return fc.array(fc.constantFrom(...LIKE_PIECES), { maxLength: 4 }).map((p) => str(p.join('')));
  return textArb.map(str);
}

// Match operators only on text and integers: engines disagree on the text form of floats/booleans.
const leaf = {
  operand: fc.constantFrom('id', 'n', 'f', 's', 'b', 'd').map((name): Operand => ({ kind: 'field', name })),
  value: valueArb,
  pattern: patternArb,
  matchable: (operand: Operand) => operand.kind === 'field' && (operand.name === 's' || operand.name === 'n'),
};

const filters = filterArb(leaf, 3);

async function seed(db: TestDatabase): Promise<void> {
  const dialect = DIALECTS[db.engine];
  await db.exec(DDL[db.engine]);
  const parts: Part[] = ['INSERT INTO ', { ident: 'diff_rows' }, ' (id, n, f, s, b, d) VALUES '];
  ROWS.forEach((row, i) => {
    if (i > 0) parts.push(', ');
    const b = row.b === null || row.b === undefined ? null : dialect.bindBoolean(row.b as boolean);
    parts.push('(', ...[row.id, row.n, row.f, row.s, b, row.d].flatMap((v, j) => (j > 0 ? [', ', { param: v }] : [{ param: v }])), ')');
  });
  const { text, params } = render(parts, dialect);
  await db.query(text, params);
}

describeEachEngine('filter differential', (engine) => {
  let db: TestDatabase;
  const dialect = DIALECTS[engine];

  beforeAll(async () => {
    db = await createTestDatabase(engine, 'filterdiff');
    await seed(db);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('selects exactly the rows the three-valued reference model selects', async () => {
    let proper = 0;
    await fc.assert(fc.asyncProperty(filters, async (ast) => {
      const text = print(ast);
      const parsed = parseFilter(text);
      const context = { lookup: guestLookup };
      const model = checkFilter(parsed, tableResolver(rowsTable), { ...context, dialect: DIALECTS.postgres });
      const expected = ROWS.filter((row) => evaluate(model, row) === true).map((row) => row.id);
      if (expected.length > 0 && expected.length < ROWS.length) proper++;
      const where = compileFilter(checkFilter(parsed, tableResolver(rowsTable), { ...context, dialect }), dialect);
      const sql = render(['SELECT ', { ident: 'id' }, ' FROM ', { ident: 'diff_rows' }, ' WHERE ', ...where, ' ORDER BY ', { ident: 'id' }], dialect);
      const rows = await db.query<{ id: number }>(sql.text, sql.params);
      expect({ filter: text, ids: rows.map((r) => Number(r.id)) }).toEqual({ filter: text, ids: expected });
    }), { numRuns: 150 });
    // Guard against a degenerate generator: most filters must select some rows but not all.
    expect(proper).toBeGreaterThan(150 * 0.4);
  });

  it('has rows with and without NULLs in every column', () => {
    for (const key of ['n', 'f', 's', 'b', 'd']) {
      expect(ROWS.some((r) => r[key] === null)).toBe(true);
      expect(ROWS.some((r) => r[key] !== null)).toBe(true);
    }
  });
});
