import { AppError } from '../../common/errors';
import { runBatch } from '../../common/batch/batch';
import { stringifyJson, type JsonText } from '../../common/values/json-text';
import type { SqlRunner } from '../engines/runner';
import { countRows, listBody, readJsonPage, readJsonRecords, readRows } from '../engines/records';
import type { ColumnSchema, TableSchema } from '../schema-cache/schema.types';
import { columnField } from '../sql/fields';
import { keyText, whereKeys } from '../sql/keys';
import type { SelectSpec } from '../sql/select';
import type { ReadPlan } from './read-plan';
import { combine } from './read-plan';
import { recordNotFound } from './keys';

export interface PageRequest {
  readonly requestedLimit: number | undefined;
  readonly offset: number;
  readonly maxRecords: number;
  readonly includeCount: boolean;
  readonly schema?: unknown;
}

/**
 * A page of records as the response body text: one statement (count fused when needed), the
 * database printing the JSON; `meta` per the paging rules of API.md 3.3.
 */
export async function readPage(runner: SqlRunner, table: TableSchema, plan: ReadPlan, page: PageRequest): Promise<JsonText> {
  const clamped = page.requestedLimit === undefined || page.requestedLimit <= 0 || page.requestedLimit > page.maxRecords;
  const limit = clamped ? page.maxRecords : page.requestedLimit!;
  const spec = specOf(table, plan, { limit, offset: page.offset });
  const needCount = page.includeCount || clamped;
  const result = await readJsonPage(runner, spec, { count: needCount });
  const meta: { count?: number; next?: number; schema?: unknown } = {};
  const total = result.count ?? 0;
  if (page.includeCount || (clamped && total > page.maxRecords)) {
    meta.count = total;
    if (total - page.offset > limit) meta.next = page.offset + limit;
  }
  if (page.schema !== undefined) meta.schema = page.schema;
  return listBody(result.resource, meta);
}

export async function countOnly(runner: SqlRunner, table: TableSchema, plan: ReadPlan): Promise<number> {
  return countRows(runner, specOf(table, plan, {}));
}

/** `as_list`: only the identifier values (composite keys as arrays). */
export async function readIdList(runner: SqlRunner, table: TableSchema, plan: ReadPlan, keys: readonly ColumnSchema[], limit: number, offset: number): Promise<string> {
  const rows = await readRows(runner, { ...specOf(table, plan, { limit, offset }), fields: keys.map(columnField), related: undefined });
  const values = rows.map((row) => (keys.length === 1 ? row[keys[0]!.name] : keys.map((k) => row[k.name])));
  return stringifyJson({ resource: values });
}

/** One record by key: its JSON text, or 404. */
export async function readOne(runner: SqlRunner, table: TableSchema, plan: ReadPlan, keys: readonly ColumnSchema[], tuple: readonly unknown[], id: unknown): Promise<string> {
  const records = await readJsonRecords(runner, specOf(table, { ...plan, where: combine(plan.where, whereKeys(keys, [tuple])) }, { limit: 1 }), keys);
  const record = records[0];
  if (!record) throw recordNotFound(id);
  return record.json;
}

/**
 * Records by ids in request order (API.md 3.3 modes 2 and 3); a missing id is a batch error
 * (`…could be retrieved.`), stopping at the first unless `continue`.
 */
export async function readMany(runner: SqlRunner, table: TableSchema, plan: ReadPlan, keys: readonly ColumnSchema[], tuples: readonly (readonly unknown[])[], ids: readonly unknown[], continueOnError: boolean): Promise<string> {
  if (tuples.length > 1000) throw new AppError('REQUEST_INVALID', 'Too many ids requested (limit 1000).');
  const records = await readJsonRecords(runner, specOf(table, { ...plan, where: combine(plan.where, whereKeys(keys, tuples)) }, {}), keys);
  const byKey = new Map(records.map((r) => [r.key, r.json]));
  const found = tuples.map((tuple) => byKey.get(keyText(tuple)));
  if (found.every((json) => json !== undefined)) return `{"resource":[${found.join(',')}]}`;
  await runBatch(tuples.map((_, i) => i), { continueOnError, rollback: false }, 'retrieved', { transaction: (work) => work() }, async (index) => {
    const json = found[index];
    if (json === undefined) throw recordNotFound(ids[index]);
    return JSON.parse(json) as unknown;
  });
  throw new Error('unreachable: a missing id always fails the batch');
}

function specOf(table: TableSchema, plan: ReadPlan, paging: { limit?: number; offset?: number }): SelectSpec {
  return {
    table,
    fields: plan.fields,
    where: plan.where,
    group: plan.group,
    having: plan.having,
    order: plan.order,
    ...(plan.related ? { related: plan.related } : {}),
    ...(paging.limit !== undefined ? { limit: paging.limit } : {}),
    ...(paging.offset ? { offset: paging.offset } : {}),
  };
}
