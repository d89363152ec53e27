import { makeColumn } from '../../../test/database/column.factory';
import { createEngine } from '../engines/engine';
import type { TableSchema } from '../schema-cache/schema.types';
import { orderBy } from './clauses';
import { columnField } from './fields';
import { render } from './parts';
import type { RelatedSpec } from './related';
import { buildJsonPage, buildJsonRecords, buildSelectRows, type SelectSpec } from './select';

const id = makeColumn({ name: 'id', type: 'id', dbType: 'integer', allowNull: false, isPrimaryKey: true, autoIncrement: true });
const contactId = makeColumn({ name: 'contact_id', type: 'integer', dbType: 'integer' });
const total = makeColumn({ name: 'total', type: 'decimal', dbType: 'numeric(10,2)', precision: 10, scale: 2 });
const name = makeColumn({ name: 'name', type: 'string', dbType: 'varchar(64)' });
const table = (tableName: string, columns: TableSchema['columns']): TableSchema =>
  ({ name: tableName, isView: false, columns, primaryKey: ['id'], foreignKeys: [], uniques: [], version: 1 });
const contact = table('contact', [id, name]);
const orders = table('orders', [id, contactId, total]);
const group = table('grp', [id, name]);

const pg = createEngine('postgres');
const maria = createEngine('mysql', { mysqlFlavor: 'mariadb' });
const mysql8 = createEngine('mysql', { mysqlFlavor: 'mysql' });
const lite = createEngine('sqlite');

const ordersOf: RelatedSpec = {
  key: 'orders_by_contact_id', single: false, link: { parent: ['id'], child: ['contact_id'] },
  spec: { table: orders, fields: [columnField(total)], order: [orderBy(total, 'DESC')], limit: 2,
    related: [{ key: 'contact_by_contact_id', single: true, link: { parent: ['contact_id'], child: ['id'] }, spec: { table: contact, fields: [columnField(name)], order: [orderBy(id)], limit: 1 } }] },
};
const groups: RelatedSpec = {
  key: 'grp_by_member', single: false, link: { parent: ['id'], child: ['id'], junction: { table: 'member', parent: ['contact_id'], child: ['group_id'] } },
  spec: { table: group, fields: [columnField(name)], order: [orderBy(id)], limit: 1000 },
};
const page: SelectSpec = { table: contact, fields: [columnField(id)], order: [orderBy(id)], limit: 25, related: [ordersOf, groups] };

describe('related records in one statement', () => {
  it('prints nested records with row_to_json on PostgreSQL, correlated to the parent row', () => {
    const { text, params } = render(buildJsonPage(pg, page), pg.dialect);
    expect(text).toBe(
      `SELECT row_to_json(t.*)::text AS "j" FROM (SELECT "id" AS "id", ` +
      `(SELECT coalesce(array_to_json(array_agg("x".*)), '[]'::json) FROM (SELECT "total" AS "total", ` +
      `(SELECT row_to_json("x".*) FROM (SELECT "name" AS "name" FROM "contact" AS "__rel2" WHERE "__rel2"."id" = "__rel1"."contact_id" ORDER BY "id" ASC LIMIT 1) "x") AS "contact_by_contact_id" ` +
      `FROM "orders" AS "__rel1" WHERE "__rel1"."contact_id" = "contact"."id" ORDER BY "total" DESC LIMIT $1) "x") AS "orders_by_contact_id", ` +
      `(SELECT coalesce(array_to_json(array_agg("x".*)), '[]'::json) FROM (SELECT "name" AS "name" FROM "grp" AS "__rel3" ` +
      `WHERE EXISTS (SELECT 1 FROM "member" AS "__jun4" WHERE "__jun4"."group_id" = "__rel3"."id" AND "__jun4"."contact_id" = "contact"."id") ORDER BY "id" ASC LIMIT $2) "x") AS "grp_by_member" ` +
      `FROM "contact" ORDER BY "id" ASC LIMIT $3) t`,
    );
    expect(params).toEqual([2, 1000, 25]);
  });

  it('limits per parent inside GROUP_CONCAT on MariaDB and in a correlated derived table on MySQL', () => {
    const spec: SelectSpec = { ...page, related: [{ ...ordersOf, spec: { ...ordersOf.spec, related: [] } }] };
    const maria1 = render(buildJsonRecords(maria, spec, [id]), maria.dialect);
    expect(maria1.text).toBe(
      'SET STATEMENT group_concat_max_len = 4294967295 FOR SELECT `id` AS `k0`, CONCAT(?, IFNULL(CAST(`id` AS CHAR), \'null\'), ?, ' +
      '(SELECT CONCAT(\'[\', IFNULL(GROUP_CONCAT(CONCAT(?, IFNULL(CAST(`total` AS CHAR), \'null\'), \'}\') ORDER BY `total` DESC SEPARATOR \',\' LIMIT ?), \'\'), \']\') ' +
      'FROM `orders` AS `__rel1` WHERE `__rel1`.`contact_id` = `contact`.`id`), \'}\') AS `j` FROM `contact` ORDER BY `id` ASC LIMIT ?',
    );
    expect(maria1.params).toEqual(['{"id":', ',"orders_by_contact_id":', '{"total":', 2, 25]);
    const mysql = render(buildJsonRecords(mysql8, spec, [id]), mysql8.dialect).text;
    expect(mysql).toContain('SELECT /*+ SET_VAR(group_concat_max_len = 4294967295) */ ');
    expect(mysql).toContain('(SELECT CONCAT(\'[\', IFNULL(GROUP_CONCAT(`t`.`j` ORDER BY `t`.`o0` DESC SEPARATOR \',\'), \'\'), \']\') FROM (SELECT CONCAT(');
    expect(mysql).toContain('FROM `orders` AS `__rel1` WHERE `__rel1`.`contact_id` = `contact`.`id` ORDER BY `total` DESC LIMIT ?) `t`)');
  });

  it('concatenates JSON text on SQLite, null for a missing single record', () => {
    const { text } = render(buildJsonPage(lite, page), lite.dialect);
    expect(text).toContain(`(SELECT '[' || coalesce(group_concat("t"."j", ',' ORDER BY "t"."o0" DESC), '') || ']' FROM (SELECT (? || `);
    expect(text).toContain(`coalesce((SELECT (? || json_quote(CAST("name" AS TEXT)) || '}') FROM "contact" AS "__rel2" WHERE "__rel2"."id" = "__rel1"."contact_id" ORDER BY "id" ASC LIMIT 1), 'null')`);
  });

  it('adds the related JSON after the fields on the rows path', () => {
    const rows = buildSelectRows(pg, page);
    expect(rows.columns.map((c) => c.key)).toEqual(['id', 'orders_by_contact_id', 'grp_by_member']);
    expect(render(rows.parts, pg.dialect).text).toContain(`"x"))::text AS "c2" FROM "contact" ORDER BY "id" ASC LIMIT $3`);
  });
});
