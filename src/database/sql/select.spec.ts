import { makeColumn } from '../../../test/database/column.factory';
import { createEngine } from '../engines/engine';
import type { TableSchema } from '../schema-cache/schema.types';
import { orderBy, limitClause } from './clauses';
import { aggregateField, columnField } from './fields';
import { orderByKeyPosition, whereKeys } from './keys';
import { ident, param, render } from './parts';
import { buildCount, buildJsonPage, buildJsonRecords, buildSelectRows, type SelectSpec } from './select';

const id = makeColumn({ name: 'id', type: 'id', dbType: 'integer', allowNull: false, isPrimaryKey: true, autoIncrement: true });
const name = makeColumn({ name: 'first_name', type: 'string', dbType: 'varchar(64)', length: 64 });
const age = makeColumn({ name: 'age', type: 'integer', dbType: 'integer' });
const created = makeColumn({ name: 'created_at', type: 'timestamp', dbType: 'timestamp without time zone' });
const total = makeColumn({ name: 'total', type: 'decimal', dbType: 'numeric(10,2)', precision: 10, scale: 2 });
const contact: TableSchema = { name: 'contact', isView: false, columns: [id, name, age, created, total], primaryKey: ['id'], foreignKeys: [], uniques: [], version: 1 };

const pg = createEngine('postgres');
const maria = createEngine('mysql', { mysqlFlavor: 'mariadb' });
const mysql8 = createEngine('mysql', { mysqlFlavor: 'mysql' });
const lite = createEngine('sqlite');

const page: SelectSpec = {
  table: contact, fields: [columnField(id), columnField(name)], where: [ident('age'), ' > ', param(30)],
  order: [orderBy(age, 'DESC')], limit: 2, offset: 4,
};

describe('buildSelectRows', () => {
  it.each([
    ['postgres', pg, 'SELECT "id" AS "c0", "first_name" AS "c1" FROM "contact" WHERE "age" > $1 ORDER BY "age" DESC LIMIT $2 OFFSET $3'],
    ['mysql', maria, 'SELECT `id` AS `c0`, `first_name` AS `c1` FROM `contact` WHERE `age` > ? ORDER BY `age` DESC LIMIT ? OFFSET ?'],
    ['sqlite', lite, 'SELECT nullif(json_quote("id"), \'null\') AS "c0", CAST("first_name" AS TEXT) AS "c1" FROM "contact" WHERE "age" > ? ORDER BY "age" DESC LIMIT ? OFFSET ?'],
  ] as const)('renders a page for %s with every value a parameter', (_name, engine, text) => {
    expect(render(buildSelectRows(engine, page).parts, engine.dialect)).toEqual({ text, params: [30, 2, 4] });
  });

  it('prints timestamps, decimals and bigints as text on PostgreSQL so no driver parser can alter them', () => {
    const big = makeColumn({ name: 'n', type: 'bigint', dbType: 'bigint' });
    const { text } = render(buildSelectRows(pg, { table: contact, fields: [columnField(created), columnField(total), columnField(big)] }).parts, pg.dialect);
    expect(text).toBe(
      'SELECT ("created_at")::timestamp::text AS "c0", ("total")::text AS "c1", ("n")::text AS "c2" FROM "contact"',
    );
  });
});

describe('orderClause', () => {
  it.each([
    ['postgres', pg, ' ORDER BY "age" ASC NULLS LAST, "id" DESC'],
    ['sqlite', lite, ' ORDER BY "age" ASC NULLS LAST, "id" DESC'],
    ['mysql', maria, ' ORDER BY `age` IS NULL ASC, `age` ASC, `id` DESC'],
  ] as const)('writes NULLS FIRST/LAST for %s (emulated where missing)', (_name, engine, text) => {
    const parts = buildSelectRows(engine, { table: contact, fields: [], order: [orderBy(age, 'ASC', 'LAST'), orderBy(id, 'DESC')] }).parts;
    expect(render(parts, engine.dialect).text.endsWith(text)).toBe(true);
  });
});

describe('limitClause', () => {
  it.each([
    ['postgres', pg, 10, undefined, ' LIMIT $1'],
    ['postgres', pg, undefined, 5, ' OFFSET $1'],
    ['mysql', maria, undefined, 5, ' LIMIT 18446744073709551615 OFFSET ?'],
    ['sqlite', lite, undefined, 5, ' LIMIT -1 OFFSET ?'],
    ['sqlite', lite, 10, 0, ' LIMIT ?'],
  ] as const)('%s limit %p offset %p', (_name, engine, limit, offset, text) => {
    expect(render(limitClause(engine.dialect, limit, offset), engine.dialect).text).toBe(text);
  });
});

describe('buildCount', () => {
  it('counts matching rows', () => {
    expect(render(buildCount(pg, page), pg.dialect)).toEqual({ text: 'SELECT COUNT(*) AS "n" FROM "contact" WHERE "age" > $1', params: [30] });
  });

  it('counts groups, not rows, when grouped', () => {
    expect(render(buildCount(pg, { table: contact, fields: [], group: [age], having: ['COUNT(*) > ', param(1)] }), pg.dialect).text).toBe(
      'SELECT COUNT(*) AS "n" FROM (SELECT 1 AS "x" FROM "contact" GROUP BY "age" HAVING COUNT(*) > $1) "g"',
    );
  });
});

describe('buildJsonPage', () => {
  it('postgres: row_to_json of the page joined by string_agg, count fused as a scalar subquery', () => {
    expect(render(buildJsonPage(pg, page, { count: true }), pg.dialect)).toEqual({
      text: 'SELECT (SELECT COUNT(*) AS "n" FROM "contact" WHERE "age" > $1)::text AS "count", '
        + '\'[\' || coalesce(string_agg(row_to_json(t.*)::text, \',\'), \'\') || \']\' AS "resource" '
        + 'FROM (SELECT "id" AS "id", "first_name" AS "first_name" FROM "contact" WHERE "age" > $2 ORDER BY "age" DESC LIMIT $3 OFFSET $4) t',
      params: [30, 30, 2, 4],
    });
  });

  it('mariadb: concatenated JSON literals, GROUP_CONCAT in page order, group_concat_max_len raised for the statement', () => {
    const { text, params } = render(buildJsonPage(maria, page), maria.dialect);
    expect(text).toBe(
      'SET STATEMENT group_concat_max_len = 4294967295 FOR SELECT COUNT(*) AS `n`, CONCAT(\'[\', IFNULL(GROUP_CONCAT(CONCAT(?, `t`.`c0`, ?, `t`.`c1`, \'}\') '
        + 'ORDER BY `t`.`o0` DESC SEPARATOR \',\'), \'\'), \']\') AS `resource` FROM (SELECT IFNULL(CAST(`id` AS CHAR), \'null\') AS `c0`, '
        + 'IFNULL(JSON_QUOTE(`first_name`), \'null\') AS `c1`, `age` AS `o0` FROM `contact` WHERE `age` > ? ORDER BY `age` DESC LIMIT ? OFFSET ?) `t`',
    );
    expect(params).toEqual(['{"id":', ',"first_name":', 30, 2, 4]);
  });

  it('mysql 8: the same with a SET_VAR hint instead of SET STATEMENT', () => {
    expect(render(buildJsonPage(mysql8, page), mysql8.dialect).text.startsWith('SELECT /*+ SET_VAR(group_concat_max_len = 4294967295) */ COUNT(*)')).toBe(true);
  });

  it('sqlite: concatenated JSON literals, group_concat ordered like the page', () => {
    expect(render(buildJsonPage(lite, page), lite.dialect).text).toBe(
      'SELECT \'[\' || coalesce(group_concat((? || "t"."c0" || ? || "t"."c1" || \'}\'), \',\' ORDER BY "t"."o0" DESC), \'\') || \']\' AS "resource" '
        + 'FROM (SELECT json_quote("id") AS "c0", json_quote(CAST("first_name" AS TEXT)) AS "c1", "age" AS "o0" FROM "contact" WHERE "age" > ? ORDER BY "age" DESC LIMIT ? OFFSET ?) "t"',
    );
  });

  it('names aggregates SUM_x / COUNT_ALL and keeps a decimal sum at its scale', () => {
    const spec: SelectSpec = { table: contact, fields: [columnField(age), aggregateField('COUNT', null), aggregateField('SUM', total)], group: [age] };
    expect(render(buildJsonPage(lite, spec), lite.dialect).params).toEqual(['{"age":', ',"COUNT_ALL":', ',"SUM_total":', '%.2f']);
  });
});

describe('buildJsonRecords', () => {
  const ids = [[7], [3]];
  const spec: SelectSpec = { table: contact, fields: [columnField(name)], where: whereKeys([id], ids), order: [orderByKeyPosition([id], ids)] };

  it('postgres: key columns plus the record built in a LATERAL subquery', () => {
    expect(render(buildJsonRecords(pg, spec, [id]), pg.dialect)).toEqual({
      text: 'SELECT "id" AS "k0", "__record"."__record_json" AS "j" FROM "contact" CROSS JOIN LATERAL '
        + '(SELECT row_to_json(x.*)::text AS "__record_json" FROM (SELECT "first_name" AS "first_name") x) "__record" '
        + 'WHERE "id" IN ($1, $2) ORDER BY CASE WHEN "id" = $3 THEN 0 WHEN "id" = $4 THEN 1 END ASC',
      params: [7, 3, 7, 3],
    });
  });

  it('mysql: key columns plus the concatenated record', () => {
    expect(render(buildJsonRecords(maria, spec, [id]), maria.dialect).text).toBe(
      'SELECT `id` AS `k0`, CONCAT(?, IFNULL(JSON_QUOTE(`first_name`), \'null\'), \'}\') AS `j` FROM `contact` '
        + 'WHERE `id` IN (?, ?) ORDER BY CASE WHEN `id` = ? THEN 0 WHEN `id` = ? THEN 1 END ASC',
    );
  });
});
