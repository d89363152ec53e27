import type { FilterNode, Value } from './ast';
import { tokenize } from './lexer';
import { parseFilter } from './parser';
import { print } from './print';

const field = (name: string) => ({ kind: 'field', name }) as const;
const bare = (value: string): Value => ({ kind: 'bare', value });
const eq = (name: string, value: Value): FilterNode => ({ kind: 'compare', operand: field(name), op: '=', value });

describe('tokenize', () => {
  it('splits symbols without spaces and keeps offsets', () => {
    expect(tokenize('age>=21').map((t) => [t.kind, t.start, t.end])).toEqual([
      ['word', 0, 3], ['op', 3, 5], ['word', 5, 7], ['eof', 7, 7],
    ]);
  });

  it('reads && and || as AND and OR, and word operators case-insensitively', () => {
    expect(tokenize('a && b || c aNd d oR e').map((t) => t.kind).filter((k) => k !== 'word')).toEqual(['and', 'or', 'and', 'or', 'eof']);
  });

  it('undoes doubled quotes and backticks, and keeps backslashes', () => {
    expect(tokenize(`'O''Br\\ien' "a""b" \`c\`\`d\``).slice(0, 3).map((t) => [t.kind, t.value])).toEqual([
      ['string', "O'Br\\ien"], ['string', 'a"b'], ['ident', 'c`d'],
    ]);
  });

  it('reads parameters and lookups with modifiers', () => {
    expect(tokenize(':ln {strtolower(user.email)} {user.id}').slice(0, 3).map((t) => [t.kind, t.value, t.modifier])).toEqual([
      ['param', 'ln', null], ['lookup', 'user.email', 'strtolower'], ['lookup', 'user.id', null],
    ]);
  });

  it('treats Unicode look-alike quotes as ordinary characters', () => {
    expect(tokenize('’x’ ＇y＇').slice(0, 2).map((t) => t.kind)).toEqual(['word', 'word']);
  });
});

describe('parseFilter', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(parseFilter('NOT a = 1 OR b = 2 AND c = 3')).toEqual({
      kind: 'or',
      items: [{ kind: 'not', item: eq('a', bare('1')) }, { kind: 'and', items: [eq('b', bare('2')), eq('c', bare('3'))] }],
    });
  });

  it('keeps a chain of one operator flat and parentheses as structure', () => {
    expect(parseFilter('a = 1 AND b = 2 AND c = 3')).toEqual({ kind: 'and', items: [eq('a', bare('1')), eq('b', bare('2')), eq('c', bare('3'))] });
    expect(parseFilter('(a = 1 AND b = 2) AND c = 3')).toEqual({
      kind: 'and', items: [{ kind: 'and', items: [eq('a', bare('1')), eq('b', bare('2'))] }, eq('c', bare('3'))],
    });
  });

  it('drops any depth of redundant parentheses', () => {
    expect(parseFilter('((((a = 1))))')).toEqual(eq('a', bare('1')));
  });

  it('gives the first AND after the low value to BETWEEN', () => {
    expect(parseFilter('a BETWEEN 1 AND 5 AND b = 2')).toEqual({
      kind: 'and',
      items: [{ kind: 'between', operand: field('a'), low: bare('1'), high: bare('5'), negated: false }, eq('b', bare('2'))],
    });
  });

  it('keeps inner whitespace of multi-word bare values and stops at AND, OR, ) and ,', () => {
    expect(parseFilter('a = Van  Dyke and b IN (x y, z)')).toEqual({
      kind: 'and',
      items: [eq('a', bare('Van  Dyke')), { kind: 'in', operand: field('b'), values: [bare('x y'), bare('z')], negated: false }],
    });
  });

  it('reads functions in value position only, and NOW without () as text', () => {
    expect(parseFilter('now = NOW')).toEqual(eq('now', bare('NOW')));
    expect(parseFilter('d = current_date')).toEqual(eq('d', { kind: 'function', name: 'CURRENT_DATE' }));
    expect(parseFilter("d = 'NOW()'")).toEqual(eq('d', { kind: 'string', value: 'NOW()' }));
  });

  it('reads the right-hand side as a value, never as a field', () => {
    expect(parseFilter('first_name = last_name')).toEqual(eq('first_name', bare('last_name')));
  });

  it('accepts every spelling of each operator', () => {
    const ops = ['= EQ eq', '!= <> NE ne', '> GT', '>= GTE GE', '< LT lt', '<= LTE LE'];
    for (const group of ops) {
      const spellings = group.split(' ').map((op) => parseFilter(`a ${op} 1`));
      for (const node of spellings) expect(node).toEqual(spellings[0]);
    }
  });

  it('reads aggregates only when asked (having)', () => {
    expect(parseFilter('SUM(total) > 10 AND count(*) >= 2', { aggregates: true })).toEqual({
      kind: 'and',
      items: [
        { kind: 'compare', operand: { kind: 'aggregate', fn: 'SUM', field: 'total' }, op: '>', value: bare('10') },
        { kind: 'compare', operand: { kind: 'aggregate', fn: 'COUNT', field: null }, op: '>=', value: bare('2') },
      ],
    });
    expect(parseFilter('count = 1', { aggregates: true })).toEqual(eq('count', bare('1')));
  });

  it('accepts exactly 32 levels of nesting, 200 conditions and 1000 IN values', () => {
    expect(() => parseFilter(`${'('.repeat(32)}a = 1${')'.repeat(32)}`)).not.toThrow();
    expect(() => parseFilter(`${'NOT '.repeat(31)}(a = 1)`)).not.toThrow();
    expect(() => parseFilter(Array(200).fill('a = 1').join(' OR '))).not.toThrow();
    expect(() => parseFilter(`a IN (${Array(1000).fill('1').join(',')})`)).not.toThrow();
    expect(() => parseFilter(`a = '${'x'.repeat(8186)}'`)).not.toThrow();
  });
});

describe('print', () => {
  it.each([
    ["(a = 'x') or b IS NULL", "a = 'x' OR b IS NULL"],
    ['NOT (a = 1 AND b != 2)', 'NOT (a = 1 AND b != 2)'],
    ["`Order Date` ne 'it''s'", "`Order Date` != 'it''s'"],
    ['`in` starts with x y', '`in` STARTS WITH x y'],
    ['a not in () and b between {user.id} and :p', 'a NOT IN () AND b BETWEEN {user.id} AND :p'],
    ['d > (now()) || d < current_time', 'd > NOW() OR d < CURRENT_TIME'],
  ])('prints %j as %j', (text, printed) => {
    expect(print(parseFilter(text))).toBe(printed);
  });
});
