import { postgres } from '../database/dialect';
import { render } from '../database/sql/parts';
import { contact, guestLookup, lookup } from '../../test/filter/fixtures';
import { checkFilter } from './check';
import { combineFilters, compileFilter } from './compile';
import { parseFilter } from './parser';
import { filterFromRoleRules, isRoleFilterOperator, type RoleFilterRule } from './role-rules';
import { tableResolver } from './targets';

function compileRules(rules: RoleFilterRule[], filterOp = 'AND', look = lookup) {
  const ast = filterFromRoleRules(rules, filterOp);
  if (!ast) return undefined;
  return render(compileFilter(checkFilter(ast, tableResolver(contact), { dialect: postgres, lookup: look }), postgres), postgres);
}

describe('filterFromRoleRules', () => {
  it('gives the same tree as the equivalent filter text', () => {
    const rules = [
      { name: 'owner_id', operator: '=', value: '{user.id}' },
      { name: 'last_name', operator: 'not in', value: "('Doe', 'Roe, Jr.', x)" },
      { name: 'email', operator: 'ENDS  WITH', value: " '.org' " },
      { name: 'age', operator: 'IS NOT NULL' },
    ];
    expect(filterFromRoleRules(rules, 'and')).toEqual(
      parseFilter("owner_id = {user.id} AND last_name NOT IN ('Doe', 'Roe, Jr.', 'x') AND email ENDS WITH '.org' AND age IS NOT NULL"),
    );
  });

  it('joins with OR when filter_op says so, and gives nothing for no rules', () => {
    expect(compileRules([{ name: 'age', operator: 'gt', value: '3' }, { name: 'age', operator: 'LE', value: '1' }], 'or'))
      .toEqual({ text: '"age" > $1 OR "age" <= $2', params: [3, 1] });
    expect(filterFromRoleRules([], 'AND')).toBeUndefined();
  });

  it.each([
    [{ name: 'last_name', operator: '=', value: "O'Brien; DROP TABLE contact" }, '"last_name" = $1', ["O'Brien; DROP TABLE contact"]],
    [{ name: 'last_name', operator: '=', value: "'O''Brien'" }, '"last_name" = $1', ["O'Brien"]],
    [{ name: 'last_name', operator: '=', value: '"a"b"' }, '"last_name" = $1', ['"a"b"']],
    [{ name: 'email', operator: '=', value: 'x-{user.id}@corp' }, '"email" = $1', ['x-42@corp']],
    [{ name: 'email', operator: '=', value: '{strtoupper(user.email)}' }, '"email" = $1', ['ALICE@EXAMPLE.COM']],
    [{ name: 'age', operator: 'in', value: '(1, 2,3)' }, '"age" IN ($1, $2, $3)', [1, 2, 3]],
    [{ name: 'age', operator: 'IN', value: '()' }, '1 = 0', []],
    [{ name: 'age', operator: 'IN', value: 4 }, '"age" IN ($1)', [4]],
    [{ name: 'first_name', operator: 'contains', value: '50%' }, `"first_name" LIKE $1 ESCAPE '\\'`, ['%50\\%%']],
    [{ name: 'first_name', operator: 'not like', value: 'J%' }, `"first_name" NOT LIKE $1 ESCAPE '\\'`, ['J%']],
    [{ name: 'Order Date', operator: '>=', value: '2024-01-01' }, '"Order Date" >= $1', ['2024-01-01']],
  ])('compiles %j', (rule, text, params) => {
    expect(compileRules([rule])).toEqual({ text, params });
  });

  it('matches no row for a guest when the value is a user lookup', () => {
    expect(compileRules([{ name: 'owner_id', operator: '=', value: '{user.id}' }], 'AND', guestLookup))
      .toEqual({ text: '"owner_id" = $1', params: [null] });
  });

  it('rejects operators outside the role filter set', () => {
    expect(isRoleFilterOperator('starts with')).toBe(true);
    expect(isRoleFilterOperator('BETWEEN')).toBe(false);
    expect(() => filterFromRoleRules([{ name: 'a', operator: '; DROP', value: '1' }])).toThrow("Unsupported operator '; DROP' in role filter.");
  });

  it('reports unknown fields and lookups like any filter (the caller turns them into 403)', () => {
    expect(() => compileRules([{ name: 'salary', operator: '=', value: '1' }])).toThrow("Invalid or unparsable field in filter request: 'salary'");
    expect(() => compileRules([{ name: 'age', operator: '=', value: '{nope}' }])).toThrow("Unknown lookup '{nope}'.");
  });

  it('combines with the client filter as (role) AND (client), API.md 6.6', () => {
    const role = compileFilter(checkFilter(filterFromRoleRules([{ name: 'owner_id', operator: '=', value: '{user.id}' }])!, tableResolver(contact), { dialect: postgres, lookup: () => ({ known: true, value: 2 }) }), postgres);
    const client = compileFilter(checkFilter(parseFilter('(owner_id=3) OR (id>0)'), tableResolver(contact), { dialect: postgres }), postgres);
    expect(render(combineFilters([role, client])!, postgres)).toEqual({
      text: '("owner_id" = $1) AND ("owner_id" = $2 OR "id" > $3)', params: [2, 3, 0],
    });
    expect(combineFilters([undefined, client])).toEqual(client);
    expect(combineFilters([undefined, []])).toBeUndefined();
  });
});
