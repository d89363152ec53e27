import { makeColumn } from '../../../test/database/column.factory';
import { createEngine } from '../engines/engine';
import type { TableSchema } from '../schema-cache/schema.types';
import { keyText, orderByKeyPosition, whereKeys } from './keys';
import { param, render } from './parts';
import { buildDelete, buildInsert, buildUpdate, sqlFunction } from './write';

const id = makeColumn({ name: 'id', type: 'id', dbType: 'integer', allowNull: false, isPrimaryKey: true, autoIncrement: true });
const name = makeColumn({ name: 'name', type: 'string', dbType: 'varchar(64)', length: 64 });
const seen = makeColumn({ name: 'seen_at', type: 'timestamp', dbType: 'timestamp' });
const table: TableSchema = { name: 'contact', isView: false, columns: [id, name, seen], primaryKey: ['id'], foreignKeys: [], uniques: [], version: 1 };
const lineA = makeColumn({ name: 'order_id', type: 'integer', isPrimaryKey: true });
const lineB = makeColumn({ name: 'line_no', type: 'integer', isPrimaryKey: true });

const pg = createEngine('postgres');
const maria = createEngine('mysql', { mysqlFlavor: 'mariadb' });
const mysql8 = createEngine('mysql', { mysqlFlavor: 'mysql' });
const lite = createEngine('sqlite');

describe('buildInsert', () => {
  const spec = { table, columns: [name, seen], rows: [[param('Jo'), sqlFunction(pg, 'NOW')], [param('Li'), param(null)]], returning: [id] };

  it.each([
    ['postgres', pg, 'INSERT INTO "contact" ("name", "seen_at") VALUES ($1, now()), ($2, $3) RETURNING "id" AS "c0"'],
    ['sqlite', lite, 'INSERT INTO "contact" ("name", "seen_at") VALUES (?, now()), (?, ?) RETURNING nullif(json_quote("id"), \'null\') AS "c0"'],
    ['mariadb', maria, 'INSERT INTO `contact` (`name`, `seen_at`) VALUES (?, now()), (?, ?) RETURNING `id` AS `c0`'],
    ['mysql 8 (no RETURNING)', mysql8, 'INSERT INTO `contact` (`name`, `seen_at`) VALUES (?, now()), (?, ?)'],
  ] as const)('writes a multi-row insert for %s', (_name, engine, text) => {
    expect(render(buildInsert(engine, spec).parts, engine.dialect)).toEqual({ text, params: ['Jo', 'Li', null] });
  });

  it.each([
    ['postgres', pg, 'INSERT INTO "contact" DEFAULT VALUES RETURNING "id" AS "c0"'],
    ['mysql', mysql8, 'INSERT INTO `contact` () VALUES ()'],
  ] as const)('inserts a row of defaults on %s', (_name, engine, text) => {
    expect(render(buildInsert(engine, { table, columns: [], rows: [[]], returning: [id] }).parts, engine.dialect).text).toBe(text);
  });

  it('uses each engine\'s spelling of NOW()', () => {
    expect([sqlFunction(pg, 'NOW'), sqlFunction(lite, 'NOW'), sqlFunction(maria, 'CURRENT_DATE')]).toEqual(['now()', 'CURRENT_TIMESTAMP', 'CURRENT_DATE']);
  });
});

describe('buildUpdate and buildDelete', () => {
  it('updates by key with RETURNING on PostgreSQL', () => {
    const statement = buildUpdate(pg, { table, set: [{ column: name, value: param('Jo') }], where: whereKeys([id], [[3]]), returning: [id] });
    expect(render(statement.parts, pg.dialect)).toEqual({ text: 'UPDATE "contact" SET "name" = $1 WHERE "id" IN ($2) RETURNING "id" AS "c0"', params: ['Jo', 3] });
  });

  it('updates without RETURNING on MariaDB, which has none for UPDATE', () => {
    const statement = buildUpdate(maria, { table, set: [{ column: name, value: param('Jo') }], where: whereKeys([id], [[3]]), returning: [id] });
    expect([render(statement.parts, maria.dialect).text, statement.returning]).toEqual(['UPDATE `contact` SET `name` = ? WHERE `id` IN (?)', []]);
  });

  it('refuses an update without columns', () => {
    expect(() => buildUpdate(pg, { table, set: [], where: whereKeys([id], [[3]]) })).toThrow('An update needs at least one column.');
  });

  it.each([
    ['postgres', pg, 'DELETE FROM "contact" WHERE "id" IN ($1, $2) RETURNING "id" AS "c0"'],
    ['mariadb', maria, 'DELETE FROM `contact` WHERE `id` IN (?, ?) RETURNING `id` AS `c0`'],
    ['mysql 8', mysql8, 'DELETE FROM `contact` WHERE `id` IN (?, ?)'],
  ] as const)('deletes by keys on %s', (_name, engine, text) => {
    expect(render(buildDelete(engine, { table, where: whereKeys([id], [[1], [2]]), returning: [id] }).parts, engine.dialect).text).toBe(text);
  });

  it('deletes every row when given no condition (force=true)', () => {
    expect(render(buildDelete(pg, { table, where: [] }).parts, pg.dialect).text).toBe('DELETE FROM "contact"');
  });
});

describe('keys', () => {
  it.each([
    [[id], [[1], [2]], '"id" IN ($1, $2)', [1, 2]],
    [[lineA, lineB], [[17, 3], [17, 4]], '(("order_id" = $1 AND "line_no" = $2) OR ("order_id" = $3 AND "line_no" = $4))', [17, 3, 17, 4]],
    [[id], [], '1 = 0', []],
  ] as const)('whereKeys %#', (keys, tuples, text, params) => {
    expect(render(whereKeys(keys, tuples), pg.dialect)).toEqual({ text, params });
  });

  it('orders by position in the request', () => {
    expect(render(orderByKeyPosition([lineA, lineB], [[2, 1], [1, 1]]).expr, pg.dialect)).toEqual({
      text: 'CASE WHEN "order_id" = $1 AND "line_no" = $2 THEN 0 WHEN "order_id" = $3 AND "line_no" = $4 THEN 1 END', params: [2, 1, 1, 1],
    });
  });

  it('compares keys as text whatever their JS type', () => {
    expect(keyText([3, 'x'])).toBe(keyText(['3', 'x']));
    expect(keyText(['9007199254740993'])).toBe('["9007199254740993"]');
    expect(keyText([null])).toBe('[null]');
  });
});
