import fc from 'fast-check';
import { AppError } from '../common/errors';
import { DIALECTS } from '../database/dialect';
import { render } from '../database/sql/parts';
import { anyValueArb, bareValueArb, fieldNameArb, filterArb, textArb } from '../../test/filter/arbitraries';
import { contact, lookup, params } from '../../test/filter/fixtures';
import { mapNode, type FilterNode, type Operand, type Value } from './ast';
import { checkFilter } from './check';
import { compileFilter } from './compile';
import { FilterError } from './filter.errors';
import { parseFilter } from './parser';
import { print } from './print';
import { tableResolver } from './targets';

const field = (name: string): Operand => ({ kind: 'field', name });

describe('round trip: parseFilter(print(ast)) equals ast', () => {
  it('holds for any tree of fields and values', () => {
    const leaf = { operand: fieldNameArb.map(field), value: () => anyValueArb, pattern: () => anyValueArb };
    fc.assert(fc.property(filterArb(leaf), (ast) => {
      expect(parseFilter(print(ast))).toEqual(ast);
    }), { numRuns: 300 });
  });

  it('holds for having trees with aggregates', () => {
    const operand = fc.oneof(
      fieldNameArb.map(field),
      fc.record({ kind: fc.constant('aggregate' as const), fn: fc.constantFrom('SUM', 'AVG', 'MIN', 'MAX', 'COUNT' as const), field: fieldNameArb }),
      fc.constant<Operand>({ kind: 'aggregate', fn: 'COUNT', field: null }),
    );
    fc.assert(fc.property(filterArb({ operand, value: () => anyValueArb }), (ast) => {
      expect(parseFilter(print(ast), { aggregates: true })).toEqual(ast);
    }), { numRuns: 150 });
  });
});

/** Runs the whole pipeline; returns the error it threw, if any. */
function attempt(text: string): unknown {
  try {
    const checked = checkFilter(parseFilter(text), tableResolver(contact), { dialect: DIALECTS.postgres, params, lookup });
    render(compileFilter(checked, DIALECTS.postgres), DIALECTS.postgres);
    return undefined;
  } catch (error) {
    return error;
  }
}

const TOKENS = [
  '(', ')', ',', 'AND', 'or', 'NOT', 'not', '=', '>=', '<>', '!=', '!', '&&', '||', '&', '|', 'IN', 'BETWEEN', 'LIKE',
  'CONTAINS', 'STARTS', 'WITH', 'ends', 'IS', 'NULL', 'null', "'x'", "'", '"', '`', '`a b`', 'age', 'first_name',
  'salary', 'birthday', 'active', '1', '-2.5', 'true', '{user.id}', '{', '}', '{strtolower(user.email)}', ':ln', ':', ':nope',
  'NOW()', 'NOW', 'CURRENT_DATE', 'SUM(age)', ';', '--', '/*', '#', '\0', 'é', '’', '\\', 'SELECT', 'pg_sleep(5)',
];
const tokenSoupArb = fc.tuple(fc.array(fc.constantFrom(...TOKENS), { maxLength: 2000, size: 'large' }), fc.constantFrom(' ', '')).map(([t, sep]) => t.join(sep));
const nestingArb = fc.tuple(fc.nat(9000), fc.nat(9000), fc.constantFrom('(', 'NOT ', '( NOT ')).map(([open, close, unit]) => `${unit.repeat(open)}age = 1${')'.repeat(close)}`);

describe('totality: any text parses or throws the filter error, fast', () => {
  it.each([
    ['arbitrary text up to 16 KB', fc.oneof(
      fc.string({ unit: 'binary', maxLength: 16384, size: 'max' }),
      fc.string({ unit: 'binary', maxLength: 8192, size: 'large' }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 8192, size: 'large' }),
    )],
    ['token soup', tokenSoupArb],
    ['deep nesting', nestingArb],
    ['printed trees over the real table', filterArb({ operand: fc.constantFrom('age', 'first_name', 'birthday', 'active', 'AGE', 'nope').map(field), value: () => anyValueArb, pattern: () => anyValueArb }).map(print)],
  ] as const)('%s', (_name, arb) => {
    let slowest = 0;
    fc.assert(fc.property(arb as fc.Arbitrary<string>, (text) => {
      const started = performance.now();
      const error = attempt(text);
      slowest = Math.max(slowest, performance.now() - started);
      if (error !== undefined) {
        expect(error).toBeInstanceOf(FilterError);
        expect((error as AppError).status).toBe(400);
      }
    }), { numRuns: 200 });
    expect(slowest).toBeLessThan(50);
  });
});

describe('canary: values never reach the SQL text', () => {
  const TEXT_COLUMNS = ['first_name', 'last_name', 'email', 'note'].map(field);
  const marked = fc.oneof(
    textArb.map((value): Value => ({ kind: 'string', value })),
    bareValueArb,
  ).filter((v) => v.kind !== 'function' && !JSON.stringify(v).toUpperCase().includes('CANARY'));
  const leaf = { operand: fc.constantFrom(...TEXT_COLUMNS), value: () => marked, pattern: () => marked };

  /** Gives every value a unique marker, numbered in the order the values appear. */
  function mark(ast: FilterNode): { ast: FilterNode; count: number } {
    let count = 0;
    const tagged = mapNode(ast, (o) => o, (v: Value): Value => {
      const marker = `CANARY${count++}Q`;
      if (v.kind === 'string') return { kind: 'string', value: `${v.value}${marker}${v.value}` };
      if (v.kind === 'bare') return { kind: 'bare', value: `${marker}${v.value}` };
      return v;
    });
    return { ast: tagged, count };
  }

  it.each(['postgres', 'mysql', 'sqlite'] as const)('holds on %s: markers only in params, all of them, in order', (name) => {
    const dialect = DIALECTS[name];
    fc.assert(fc.property(filterArb(leaf), (generated) => {
      const { ast, count } = mark(generated);
      const checked = checkFilter(parseFilter(print(ast)), tableResolver(contact), { dialect });
      const { text, params: bound } = render(compileFilter(checked, dialect), dialect);
      expect(text).not.toMatch(/CANARY/i);
      const seen = bound.flatMap((p) => [...String(p).matchAll(/CANARY(\d+)Q/g)].map((m) => Number(m[1])));
      expect(seen).toEqual(Array.from({ length: count }, (_, i) => i));
    }), { numRuns: 200 });
  });
});
