/**
 * Filter language speed: parse + check + compile (+ render) of a typical three-condition filter,
 * cold (no cache) and through buildFilterSql's cache. Target (issue #3): ≤ 20 µs/op cold.
 * Run: npx ts-node --transpile-only bench/filter-bench.ts
 */
import { performance } from 'node:perf_hooks';
import { postgres } from '../src/database/dialect';
import type { ColumnSchema, SimpleType, TableSchema } from '../src/database/schema-cache/schema.types';
import { render } from '../src/database/sql/parts';
import { bindFilter, buildFilterSql, compileFilter, parseFilter, resolveFilter, tableResolver } from '../src/filter';

const column = (name: string, type: SimpleType, dbType: string): ColumnSchema => ({
  name, type, dbType, length: null, precision: null, scale: null, allowNull: true, default: null,
  autoIncrement: false, isPrimaryKey: false, isUnique: false, isIndex: false, isForeignKey: false,
  refTable: null, refField: null, refOnUpdate: null, refOnDelete: null,
});

const contact: TableSchema = {
  name: 'contact', isView: false, primaryKey: ['id'], foreignKeys: [], uniques: [], version: 1,
  columns: [
    column('id', 'id', 'integer'), column('first_name', 'string', 'varchar(40)'), column('last_name', 'string', 'varchar(40)'),
    column('email', 'string', 'varchar(255)'), column('age', 'integer', 'integer'), column('active', 'boolean', 'boolean'),
    column('owner_id', 'reference', 'integer'), column('created_at', 'timestamp', 'timestamp'),
  ],
};

const FILTER = "(last_name = 'Doe') AND (age >= 21) AND (owner_id = {user.id})";
const context = { lookup: (key: string) => ({ known: key === 'user.id', value: 42 }) };

function cold(): unknown {
  const resolved = resolveFilter(parseFilter(FILTER), tableResolver(contact));
  return render(compileFilter(bindFilter(resolved, { ...context, dialect: postgres }), postgres), postgres);
}

function cached(): unknown {
  return render(buildFilterSql(FILTER, contact, postgres, context), postgres);
}

function measure(name: string, fn: () => unknown, iterations: number): void {
  for (let i = 0; i < 20_000; i++) fn();
  const runs: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) fn();
    runs.push(((performance.now() - started) * 1000) / iterations);
  }
  runs.sort((a, b) => a - b);
  const median = runs[2] as number;
  console.log(`${name.padEnd(34)} ${median.toFixed(2).padStart(7)} µs/op  (best ${(runs[0] as number).toFixed(2)}, 5 rounds × ${iterations})`);
}

console.log(`filter: ${FILTER}`);
console.log(`sql:    ${JSON.stringify(cached())}`);
measure('cold: parse + check + compile', cold, 100_000);
measure('cached: buildFilterSql', cached, 200_000);
