import { DIALECTS, type Dialect, type DialectName } from '../database/dialect';
import { render } from '../database/sql/parts';
import { contact, lookup, params } from '../../test/filter/fixtures';
import { checkFilter } from './check';
import { compileFilter } from './compile';
import { parseFilter } from './parser';
import { tableResolver } from './targets';

/** Filter → PostgreSQL text and params; API.md 3.10.9 examples 1-37 first, then the superset. */
const CASES: readonly (readonly [string, string, readonly unknown[]])[] = [
  ["first_name = 'Jo'", '"first_name" = $1', ['Jo']],
  ["first_name='Jo'", '"first_name" = $1', ['Jo']],
  ['first_name = "Jo"', '"first_name" = $1', ['Jo']],
  ['first_name eq Jo', '"first_name" = $1', ['Jo']],
  ["(first_name = 'Jo') AND (last_name = 'Doe')", '"first_name" = $1 AND "last_name" = $2', ['Jo', 'Doe']],
  ["(first_name = 'Jo')and(last_name = 'Doe')", '"first_name" = $1 AND "last_name" = $2', ['Jo', 'Doe']],
  ["first_name = 'Jo' AND age > 30", '"first_name" = $1 AND "age" > $2', ['Jo', 30]],
  ["last_name = 'Doe' OR last_name = 'Roe' AND age > 30", '"last_name" = $1 OR ("last_name" = $2 AND "age" > $3)', ['Doe', 'Roe', 30]],
  ["((last_name = 'Doe') OR (last_name = 'Roe')) AND (age >= 18)", '("last_name" = $1 OR "last_name" = $2) AND "age" >= $3', ['Doe', 'Roe', 18]],
  ['NOT (active = true)', 'NOT ("active" = $1)', [true]],
  ['NOT active = true AND age < 5', 'NOT ("active" = $1) AND "age" < $2', [true, 5]],
  ['age gte 21', '"age" >= $1', [21]],
  ['age GE 21', '"age" >= $1', [21]],
  ['age>=21', '"age" >= $1', [21]],
  ['age ne 30', '"age" <> $1', [30]],
  ['age <> 30', '"age" <> $1', [30]],
  ['age != 30', '"age" <> $1', [30]],
  ['age BETWEEN 18 AND 65', '"age" BETWEEN $1 AND $2', [18, 65]],
  ['age NOT BETWEEN 18 AND 65 OR age IS NULL', '"age" NOT BETWEEN $1 AND $2 OR "age" IS NULL', [18, 65]],
  ['id IN (1, 2, 3)', '"id" IN ($1, $2, $3)', [1, 2, 3]],
  ["last_name NOT IN ('Doe', 'Roe, Jr.')", '"last_name" NOT IN ($1, $2)', ['Doe', 'Roe, Jr.']],
  ['id IN ()', '1 = 0', []],
  ["last_name LIKE 'D%'", `"last_name" LIKE $1 ESCAPE '\\'`, ['D%']],
  ['last_name like D%', `"last_name" LIKE $1 ESCAPE '\\'`, ['D%']],
  ["email NOT LIKE '%@test.com'", `"email" NOT LIKE $1 ESCAPE '\\'`, ['%@test.com']],
  ["last_name CONTAINS 'o_n'", `"last_name" LIKE $1 ESCAPE '\\'`, ['%o\\_n%']],
  ["first_name STARTS WITH 'Jo'", `"first_name" LIKE $1 ESCAPE '\\'`, ['Jo%']],
  ['email ends with .org', `"email" LIKE $1 ESCAPE '\\'`, ['%.org']],
  ["last_name = 'O''Brien'", '"last_name" = $1', ["O'Brien"]],
  ["last_name = 'a>=b AND c'", '"last_name" = $1', ['a>=b AND c']],
  ['last_name IS NULL', '"last_name" IS NULL', []],
  ['email is not null', '"email" IS NOT NULL', []],
  ['owner_id = {user.id}', '"owner_id" = $1', [42]],
  ["email = '{user.email}'", '"email" = $1', ['alice@example.com']],
  ['last_name = :ln', '"last_name" = $1', ['Doe']],
  ['created_at > (NOW())', '"created_at" > now()', []],
  ['created_at > NOW()', '"created_at" > now()', []],
  ['(age > 30) && (active = 1)', '"age" > $1 AND "active" = $2', [30, true]],
  ['(age > 30) || (age < 5)', '"age" > $1 OR "age" < $2', [30, 5]],
  ['last_name = Van Dyke', '"last_name" = $1', ['Van Dyke']],
  ["age > '30'", '"age" > $1', [30]],
  ["`first_name` = 'Jo'", '"first_name" = $1', ['Jo']],
  ['age CONTAINS 3', `CAST("age" AS TEXT) LIKE $1 ESCAPE '\\'`, ['%3%']],
  // The safe superset and typing.
  ["last_name STARTS WITH 'a%b_c\\d'", `"last_name" LIKE $1 ESCAPE '\\'`, ['a\\%b\\_c\\\\d%']],
  ['last_name NOT CONTAINS x', `"last_name" NOT LIKE $1 ESCAPE '\\'`, ['%x%']],
  ['last_name NOT STARTS WITH Jo', `"last_name" NOT LIKE $1 ESCAPE '\\'`, ['Jo%']],
  ["last_name not ends with 'son'", `"last_name" NOT LIKE $1 ESCAPE '\\'`, ['%son']],
  ["email LIKE 'a\\%b'", `"email" LIKE $1 ESCAPE '\\'`, ['a\\%b']],
  ["note CONTAINS '100%'", `"note" LIKE $1 ESCAPE '\\'`, ['%100\\%%']],
  ["age IN ('1', 2, :n)", '"age" IN ($1, $2, $3)', [1, 2, 30]],
  ['age NOT IN ()', '1 = 1', []],
  ['age lt 5 AND age le 10 AND age gt 1 AND age eq 2', '"age" < $1 AND "age" <= $2 AND "age" > $3 AND "age" = $4', [5, 10, 1, 2]],
  ['active = yes OR active = OFF', '"active" = $1 OR "active" = $2', [true, false]],
  ['active IN (true, f)', '"active" IN ($1, $2)', [true, false]],
  ["birthday = '2024-02-29'", '"birthday" = $1', ['2024-02-29']],
  ['birthday >= 2024-01-01', '"birthday" >= $1', ['2024-01-01']],
  ["created_at > '2024-01-02T10:15:00+02:00'", '"created_at" > $1', ['2024-01-02 08:15:00']],
  ["created_at BETWEEN '2024-01-01' AND '2024-12-31 23:59:59'", '"created_at" BETWEEN $1 AND $2', ['2024-01-01 00:00:00', '2024-12-31 23:59:59']],
  ['birthday < CURRENT_DATE', '"birthday" < CURRENT_DATE', []],
  ['opens_at < current_time', '"opens_at" < CURRENT_TIME', []],
  ['created_at <= CURRENT_TIMESTAMP AND created_at > ((NOW()))', '"created_at" <= CURRENT_TIMESTAMP AND "created_at" > now()', []],
  ['balance = 12.50', '"balance" = $1', ['12.50']],
  ['balance > 1.5e3', '"balance" > $1', ['1500']],
  ['score < -2.5', '"score" < $1', [-2.5]],
  ['big = 9007199254740993', '"big" = $1', ['9007199254740993']],
  ["uid = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", '"uid" = $1', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']],
  [`data = '{"a":1}'`, 'CAST("data" AS TEXT) = $1', ['{"a":1}']],
  ['data IS NULL', '"data" IS NULL', []],
  ["`Order Date` > '2024-01-01'", '"Order Date" > $1', ['2024-01-01']],
  ['`select` = x', '"select" = $1', ['x']],
  ["FIRST_NAME = 'Jo'", '"first_name" = $1', ['Jo']],
  ['owner_id = {user.id} OR owner_id IS NULL', '"owner_id" = $1 OR "owner_id" IS NULL', [42]],
  ['first_name = {strtoupper(user.first_name)}', '"first_name" = $1', ['ALICE']],
  ["email = 'x-{user.id}-{unknown.key}'", '"email" = $1', ['x-42-{unknown.key}']],
  ['first_name = :greeting', '"first_name" = $1', ['hi alice']],
  ['first_name = {user.display_name}', '"first_name" = $1', ['Alice Smith']],
  ['owner_id = {user.last_login_date}', '"owner_id" = $1', [null]],
  ['NOT NOT age = 1', 'NOT (NOT ("age" = $1))', [1]],
  ['age = 1 AND (age = 2 OR age = 3) AND NOT (age = 4 OR age = 5)', '"age" = $1 AND ("age" = $2 OR "age" = $3) AND NOT ("age" = $4 OR "age" = $5)', [1, 2, 3, 4, 5]],
  ['age = 1 OR (age = 2 OR age = 3)', '"age" = $1 OR "age" = $2 OR "age" = $3', [1, 2, 3]],
  ["first_name = 'Jo' AND last_name <> \"Doe\" || age <= 3 && active != false", '("first_name" = $1 AND "last_name" <> $2) OR ("age" <= $3 AND "active" <> $4)', ['Jo', 'Doe', 3, false]],
  ["first_name = 'It''s a \"test\"'", '"first_name" = $1', ['It\'s a "test"']],
  ['first_name = "say ""hi"""', '"first_name" = $1', ['say "hi"']],
  ["first_name = 'a\\b'", '"first_name" = $1', ['a\\b']],
  ["first_name = 'x'' OR ''1''=''1'", '"first_name" = $1', ["x' OR '1'='1"]],
  ['first_name = ’x’ OR last_name = ＇y＇', '"first_name" = $1 OR "last_name" = $2', ['’x’', '＇y＇']],
  ["first_name = 'Robert''); DROP TABLE contact;--'", '"first_name" = $1', ["Robert'); DROP TABLE contact;--"]],
  ['age=1&&age<2', '"age" = $1 AND "age" < $2', [1, 2]],
  [`first_name IN ('a', "b", c d, :ln, {user.email})`, '"first_name" IN ($1, $2, $3, $4, $5)', ['a', 'b', 'c d', 'Doe', 'alice@example.com']],
  ['age BETWEEN :n AND 40', '"age" BETWEEN $1 AND $2', [30, 40]],
  ['first_name LIKE {user.email}', `"first_name" LIKE $1 ESCAPE '\\'`, ['alice@example.com']],
  ['first_name STARTS WITH {user.first_name}', `"first_name" LIKE $1 ESCAPE '\\'`, ['alice%']],
  ['tiny = 127 AND first_name = 1e3', '"tiny" = $1 AND "first_name" = $2', [127, '1e3']],
];

/** MySQL/SQLite spelling of a PostgreSQL expectation: quoting, placeholders and the vendor quirks. */
function expected(pg: string, dialect: DialectName): string {
  if (dialect === 'postgres') return pg;
  let text = pg.replace(/\$\d+/g, '?');
  if (dialect === 'sqlite') return text.replace(/now\(\)/g, 'CURRENT_TIMESTAMP');
  text = text.replace(/"([^"]*)"/g, '`$1`').replace(/ESCAPE '\\'/g, "ESCAPE '\\\\'");
  return text.replace(/ AS TEXT\)/g, ' AS CHAR)').replace(/now\(\)/g, 'NOW()');
}

/** Booleans bind as 1/0 on MySQL and SQLite (API.md 3.10.6). */
const expectedParams = (values: readonly unknown[], dialect: DialectName): unknown[] =>
  values.map((v) => (typeof v === 'boolean' && dialect !== 'postgres' ? (v ? 1 : 0) : v));

function compile(filter: string, dialect: Dialect) {
  const checked = checkFilter(parseFilter(filter), tableResolver(contact), { dialect, params, lookup });
  return render(compileFilter(checked, dialect), dialect);
}

describe('compileFilter case table', () => {
  it('has at least 60 filters', () => {
    expect(new Set(CASES.map((c) => c[0])).size).toBeGreaterThanOrEqual(60);
  });

  for (const name of ['postgres', 'mysql', 'sqlite'] as const) {
    it.each(CASES)(`compiles %s for ${name}`, (filter, pg, values) => {
      expect(compile(filter, DIALECTS[name])).toEqual({ text: expected(pg, name), params: expectedParams(values, name) });
    });
  }
});

describe('dialect spellings', () => {
  it.each([
    ['postgres', `"last_name" LIKE $1 ESCAPE '\\'`],
    ['mysql', "`last_name` LIKE ? ESCAPE '\\\\'"],
    ['sqlite', `"last_name" LIKE ? ESCAPE '\\'`],
  ] as const)('writes the ESCAPE clause so that %s reads one backslash', (name, text) => {
    expect(compile("last_name CONTAINS 'x'", DIALECTS[name]).text).toBe(text);
  });

  it.each([
    ['postgres', 'CAST("age" AS TEXT) LIKE $1'],
    ['mysql', 'CAST(`age` AS CHAR) LIKE ?'],
    ['sqlite', 'CAST("age" AS TEXT) LIKE ?'],
  ] as const)('casts a non-text column to text for a match on %s', (name, text) => {
    expect(compile('age STARTS WITH 4', DIALECTS[name]).text.startsWith(text)).toBe(true);
  });

  it.each([
    ['postgres', '"created_at" > now()'],
    ['mysql', '`created_at` > NOW()'],
    ['sqlite', '"created_at" > CURRENT_TIMESTAMP'],
  ] as const)('renders NOW() for %s', (name, text) => {
    expect(compile('created_at > NOW()', DIALECTS[name])).toEqual({ text, params: [] });
  });

  it('rejects a tinyint beyond its range where the engine enforces it, and not on SQLite', () => {
    expect(() => compile('tiny = 128', DIALECTS.postgres)).toThrow("Field 'tiny' must be a valid integer.");
    expect(compile('tiny = 128', DIALECTS.sqlite).params).toEqual([128]);
  });
});
