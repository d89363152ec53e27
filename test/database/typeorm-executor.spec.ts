import { readJsonPage } from '../../src/database/engines/records';
import { jsonString } from '../../src/common/values/json-text';
import { SqlRunner } from '../../src/database/engines/runner';
import { executorFromTypeOrm, engineOfDataSource } from '../../src/database/engines/typeorm-executor';
import { insertRows } from '../../src/database/engines/writes';
import { columnField } from '../../src/database/sql/fields';
import { param } from '../../src/database/sql/parts';
import { describeEachEngine } from '../helpers/test-databases';
import { openHarness, type Harness } from './harness';

describeEachEngine('executorFromTypeOrm', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(async () => h.close());

  it('maps the DataSource type to its engine', () => {
    expect(engineOfDataSource(h.dataSource)).toBe(engine);
  });

  it('runs on a QueryRunner inside its transaction, so a rollback undoes the writes', async () => {
    const group = await h.schema.table('contact_group');
    const name = group.columns.find((c) => c.name === 'name');
    if (!name) throw new Error('no name column');
    const read = { table: group, fields: group.columns.map(columnField) };
    const queryRunner = h.dataSource.createQueryRunner();
    try {
      await queryRunner.startTransaction();
      const inTransaction = h.runner.withExecutor(executorFromTypeOrm(queryRunner));
      await insertRows(inTransaction, { table: group, columns: [name], rows: [[param('Customers')]] });
      expect(JSON.parse(jsonString((await readJsonPage(inTransaction, read)).resource))).toHaveLength(1);
      await queryRunner.rollbackTransaction();
    } finally {
      await queryRunner.release();
    }
    expect(jsonString((await readJsonPage(h.runner, read)).resource)).toBe('[]');
  });

  it('reuses prepared statements for repeated shapes without changing results', async () => {
    const runner = new SqlRunner(h.engine, executorFromTypeOrm(h.dataSource));
    const results = [];
    for (const n of [1, 2, 3]) results.push((await runner.run(['SELECT ', param(n), ' AS ', { ident: 'n' }])).rows[0]?.n);
    expect(results.map(Number)).toEqual([1, 2, 3]);
    expect(runner.cache.size).toBe(1);
  });
});
