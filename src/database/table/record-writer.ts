import { runBatch, type BatchOptions, type BatchRunner } from '../../common/batch/batch';
import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import { stringifyJson } from '../../common/values/json-text';
import type { ServiceContext } from '../data-plane.service';
import type { SqlRunner } from '../engines/runner';
import { countRows, readJsonRecords, readRows } from '../engines/records';
import { deleteRows, insertRows, updateRows } from '../engines/writes';
import type { ColumnSchema, TableSchema } from '../schema-cache/schema.types';
import { columnField } from '../sql/fields';
import { keyText, whereKeys } from '../sql/keys';
import type { Part } from '../sql/parts';
import type { WriteValue } from '../sql/write';
import { assertInsideFilter, writtenRowsWhere } from '../access/record-filter';
import { recordNotFound, recordKeyTuple } from './keys';
import type { NestedWriter } from './nested-writer';
import { recordValues, type InputContext, type RecordValues } from './record-input';
import { combine, type ReadPlan } from './read-plan';

/** Most bound values in one statement (SQLite allows 32766; PostgreSQL and MySQL 65535). */
const MAX_PARAMS = 30000;

/** What a write answers with: key fields, or the `fields` projection re-read (API.md 3.4–3.6). */
export interface OutputPlan {
  /** Re-read with this plan (fields/related given); undefined → key fields only. */
  readonly reread?: ReadPlan;
  readonly keys: readonly ColumnSchema[];
  readonly maxRecords: number;
}

/** Writes of one table, with the batch semantics of API.md 3.7. */
export class RecordWriter {
  constructor(
    private readonly context: ServiceContext,
    private readonly table: TableSchema,
    private readonly input: InputContext,
    /** Nested writes of records carrying related data (API.md 3.9); none → relationship keys are ignored. */
    private readonly nested?: NestedWriter,
    /** The role's record filter for this write: rows written must satisfy it (API.md 6.6), checked before commit. */
    private readonly recordFilter?: readonly Part[],
  ) {}

  /** POST: one multi-row INSERT when the records allow it, else record by record. */
  async create(records: readonly JsonRecord[], options: BatchOptions, output: OutputPlan): Promise<string> {
    if (options.rollback && options.continueOnError) throw new AppError('REQUEST_INVALID', 'Rollback and continue operations can not be requested at the same time.');
    const nested = this.nested;
    const hasNested = nested !== undefined && records.some((record) => nested.hasNested(this.table, record));
    const prepared = hasNested ? undefined : tryPrepare(records, (record, i) => recordValues(this.table, record, 'insert', this.input, i));
    // A failed fast path wrote nothing (one statement, or one transaction), so the record-by-record
    // path that follows finds the failing index with the exact semantics of the batch mode.
    // Rows of a keyless table are found again by their values, one by one: no multi-row fast path under a record filter.
    if (prepared && sameColumns(prepared) && (!this.recordFilter || output.keys.length > 0)) {
      const tuples = await this.insertAll(prepared, options, output.keys);
      if (tuples) return this.respond(tuples, output);
    }
    const tuples = await this.batch(records, options, 'created', async (runner, record, index) =>
      this.withNested(runner, record, output.keys, (own) => this.insertOne(runner, recordValues(this.table, own, 'insert', this.input, index), output.keys, own)));
    return this.respond(tuples, output);
  }

  /** PUT/PATCH by records (each carries its key) or by ids (the same changes for each id). */
  async update(items: readonly { readonly record: JsonRecord; readonly id?: unknown }[], options: BatchOptions, output: OutputPlan, roleFilter?: readonly Part[]): Promise<string> {
    const keys = output.keys;
    const tuples = await this.batch(items, options, 'updated', async (runner, item, index) => {
      const tuple = item.id !== undefined ? (item.id as unknown[]) : recordKeyTuple(keys, item.record, this.context.engine.dialect);
      if (!tuple) throw new AppError('VALUE_INVALID', `Required id field(s) not found in record ${index}.`);
      return this.withNested(runner, item.record, keys, async (own) => {
        await this.updateOne(runner, own, keys, tuple, roleFilter);
        return tuple;
      });
    });
    return this.respond(tuples, output);
  }

  /** PUT/PATCH /{id}: the bare record. */
  async updateById(record: JsonRecord, tuple: unknown[], output: OutputPlan, roleFilter?: readonly Part[]): Promise<string> {
    await this.context.transaction((runner) => this.withNested(runner, record, output.keys, async (own) => {
      await this.updateOne(runner, own, output.keys, tuple, roleFilter);
      return tuple;
    }));
    return this.respondOne(tuple, output);
  }

  /** DELETE by ids or records: read the output first, then delete each. */
  async remove(tuples: readonly unknown[][], ids: readonly unknown[], options: BatchOptions, output: OutputPlan, roleFilter?: readonly Part[]): Promise<string> {
    const outputs: string[] = [];
    await this.batch(tuples, options, 'deleted', async (runner, tuple, index) => {
      const json = await this.outputOf(runner, tuple, output);
      const { affectedRows } = await deleteRows(runner, { table: this.table, where: combine(roleFilter, whereKeys(output.keys, [tuple]))! });
      if (affectedRows === 0) throw recordNotFound(ids[index]);
      outputs[index] = json;
      return tuple;
    });
    return `{"resource":[${outputs.join(',')}]}`;
  }

  /** DELETE /{id}: the key (or the `fields` projection as it was). */
  async removeById(tuple: unknown[], id: unknown, output: OutputPlan, roleFilter?: readonly Part[]): Promise<string> {
    return this.context.transaction(async (runner) => {
      const json = await this.outputOf(runner, tuple, output);
      const { affectedRows } = await deleteRows(runner, { table: this.table, where: combine(roleFilter, whereKeys(output.keys, [tuple]))! });
      if (affectedRows === 0) throw recordNotFound(id);
      return json;
    });
  }

  /** PUT/PATCH by filter: one UPDATE in one transaction; lists the updated rows (at most max_records). */
  async updateWhere(record: JsonRecord, where: Part[], output: OutputPlan): Promise<string> {
    const values = recordValues(this.table, record, 'update', this.input);
    if (values.columns.length === 0) throw new AppError('VALUE_INVALID', 'No valid fields were found in record.');
    return this.context.transaction(async (runner) => {
      const keyRows = await readRows(runner, { table: this.table, fields: output.keys.map(columnField), where, order: keyOrder(output.keys), limit: output.maxRecords });
      const total = keyRows.length < output.maxRecords ? keyRows.length : await countRows(runner, { table: this.table, fields: [], where });
      const allRows = this.recordFilter && total > keyRows.length ? await readRows(runner, { table: this.table, fields: output.keys.map(columnField), where }) : keyRows;
      await updateRows(runner, { table: this.table, set: values.columns.map((column, i) => ({ column, value: values.values[i]! })), where });
      for (let i = 0; this.recordFilter && i < allRows.length; i += 500) {
        const chunk = allRows.slice(i, i + 500).map((row) => output.keys.map((k) => row[k.name]));
        await assertInsideFilter(runner, this.table, this.recordFilter, whereKeys(output.keys, chunk));
      }
      const tuples = keyRows.map((row) => output.keys.map((k) => row[k.name]));
      return this.respond(tuples, output, runner, total > tuples.length ? total : undefined);
    });
  }

  /** DELETE by filter (or `force`: every row): one statement in one transaction. */
  async removeWhere(where: Part[], output: OutputPlan): Promise<string> {
    return this.context.transaction(async (runner) => {
      const listed = await readJsonRecords(runner, { table: this.table, fields: output.reread?.fields ?? output.keys.map(columnField), related: output.reread?.related, where, order: keyOrder(output.keys), limit: output.maxRecords }, output.keys);
      const { affectedRows } = await deleteRows(runner, { table: this.table, where });
      const body = `{"resource":[${listed.map((r) => r.json).join(',')}]`;
      return affectedRows > listed.length ? `${body},"meta":{"count":${affectedRows}}}` : `${body}}`;
    });
  }

  /** Every record in one INSERT (chunked by parameter count, in one transaction); undefined when it failed. */
  private async insertAll(prepared: RecordValues[], options: BatchOptions, keys: readonly ColumnSchema[]): Promise<unknown[][] | undefined> {
    const size = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, prepared[0]!.columns.length)));
    const chunks: RecordValues[][] = [];
    for (let i = 0; i < prepared.length; i += size) chunks.push(prepared.slice(i, i + size));
    const insert = async (runner: SqlRunner, chunk: RecordValues[]) => {
      const { rows } = await insertRows(runner, { table: this.table, columns: chunk[0]!.columns, rows: chunk.map((p) => p.values), returning: keys });
      const tuples = chunk.map((p, i) => keyTupleOf(keys, rows[i], p));
      if (this.recordFilter) await assertInsideFilter(runner, this.table, this.recordFilter, whereKeys(keys, tuples));
      return tuples;
    };
    try {
      if (!options.rollback && chunks.length === 1 && !this.recordFilter) return await insert(this.context.runner, chunks[0]!);
      return await this.context.transaction(async (runner) => (await sequential(chunks, (chunk) => insert(runner, chunk))).flat());
    } catch (error) {
      if (error instanceof AppError) return undefined;
      throw error;
    }
  }

  private async insertOne(runner: SqlRunner, values: RecordValues, keys: readonly ColumnSchema[], record: JsonRecord): Promise<unknown[]> {
    if (values.columns.length === 0 && Object.keys(record).length > 0 && this.table.columns.every((c) => !c.autoIncrement)) {
      throw new AppError('VALUE_INVALID', 'No valid fields were found in record.');
    }
    const { rows } = await insertRows(runner, { table: this.table, columns: values.columns, rows: [values.values], returning: keys });
    const tuple = keyTupleOf(keys, rows[0], values);
    await assertInsideFilter(runner, this.table, this.recordFilter, keys.length > 0 ? whereKeys(keys, [tuple]) : writtenRowsWhere(values.columns, values.values));
    return tuple;
  }

  private async updateOne(runner: SqlRunner, record: JsonRecord, keys: readonly ColumnSchema[], tuple: readonly unknown[], roleFilter?: readonly Part[]): Promise<void> {
    const values = recordValues(this.table, record, 'update', this.input);
    const where = combine(roleFilter, whereKeys(keys, [tuple]))!;
    if (values.columns.length > 0) {
      const { affectedRows } = await updateRows(runner, { table: this.table, set: values.columns.map((column, i) => ({ column, value: values.values[i]! })), where });
      // Key columns are never written by an update: the row is found again by the same key.
      if (affectedRows > 0) return assertInsideFilter(runner, this.table, this.recordFilter, whereKeys(keys, [tuple]));
    }
    // Zero rows: MySQL reports unchanged rows as 0, so check that the row exists.
    if ((await countRows(runner, { table: this.table, fields: [], where })) > 0) return;
    throw recordNotFound(tuple.length === 1 ? tuple[0] : tuple);
  }

  /** The row written by `row`, with the record's related data around it when it carries any. */
  private withNested(runner: SqlRunner, record: JsonRecord, keys: readonly ColumnSchema[], row: (own: JsonRecord) => Promise<unknown[]>): Promise<unknown[]> {
    return this.nested ? this.nested.write(runner, this.table, record, keys, row) : row(record);
  }

  /** Runs per-item work under the batch rules of API.md 3.7, each item (or the whole batch) in a transaction. */
  private async batch<I>(items: readonly I[], options: BatchOptions, verb: 'created' | 'updated' | 'deleted', work: (runner: SqlRunner, item: I, index: number) => Promise<unknown[]>): Promise<unknown[][]> {
    let current: SqlRunner | undefined;
    const runner: BatchRunner = {
      transaction: async (fn) => {
        if (current) return fn();
        return this.context.transaction(async (tx) => {
          current = tx;
          try {
            return await fn();
          } finally {
            current = undefined;
          }
        });
      },
    };
    return runBatch(items, options, verb, runner, (item, index) => work(current ?? this.context.runner, item, index));
  }

  private async respond(tuples: readonly unknown[][], output: OutputPlan, runner: SqlRunner = this.context.runner, count?: number): Promise<string> {
    const meta = count !== undefined ? `,"meta":{"count":${count}}` : '';
    if (!output.reread) return `{"resource":[${tuples.map((t) => keyJson(output.keys, t)).join(',')}]${meta}}`;
    const records = await readJsonRecords(runner, { table: this.table, fields: output.reread.fields, related: output.reread.related, where: whereKeys(output.keys, tuples) }, output.keys);
    const byKey = new Map(records.map((r) => [r.key, r.json]));
    return `{"resource":[${tuples.map((t) => byKey.get(keyText(t)) ?? keyJson(output.keys, t)).join(',')}]${meta}}`;
  }

  private async respondOne(tuple: unknown[], output: OutputPlan): Promise<string> {
    const body = JSON.parse(await this.respond([tuple], output)) as { resource: unknown[] };
    return stringifyJson(body.resource[0]);
  }

  private async outputOf(runner: SqlRunner, tuple: readonly unknown[], output: OutputPlan): Promise<string> {
    if (!output.reread) return keyJson(output.keys, tuple);
    const [record] = await readJsonRecords(runner, { table: this.table, fields: output.reread.fields, related: output.reread.related, where: whereKeys(output.keys, [tuple]), limit: 1 }, output.keys);
    return record?.json ?? keyJson(output.keys, tuple);
  }
}

function tryPrepare(records: readonly JsonRecord[], prepare: (record: JsonRecord, index: number) => RecordValues): RecordValues[] | undefined {
  try {
    return records.map(prepare);
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

function sameColumns(prepared: readonly RecordValues[]): boolean {
  const first = prepared[0]?.columns;
  return first !== undefined && first.length > 0 && prepared.every((p) => p.columns.length === first.length && p.columns.every((c, i) => c === first[i]));
}

async function sequential<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

/** The key tuple of an inserted row: RETURNING values, else the written values. */
function keyTupleOf(keys: readonly ColumnSchema[], row: Record<string, unknown> | undefined, values: RecordValues): unknown[] {
  return keys.map((key) => {
    if (row && key.name in row) return row[key.name];
    const at = values.columns.indexOf(key);
    const value: WriteValue | undefined = at >= 0 ? values.values[at] : undefined;
    return typeof value === 'object' && value !== null && 'param' in value ? value.param : null;
  });
}

/** Primary-key order: listings after writes are stable. */
function keyOrder(keys: readonly ColumnSchema[]) {
  return keys.map((column) => ({ expr: [{ ident: column.name }], direction: 'ASC' as const }));
}

function keyJson(keys: readonly ColumnSchema[], tuple: readonly unknown[]): string {
  // The common answer of a create, `{"id":5}`, without building an object per row.
  if (keys.length === 1 && typeof tuple[0] === 'number' && Number.isFinite(tuple[0])) return `{${JSON.stringify(keys[0]!.name)}:${tuple[0]}}`;
  return stringifyJson(Object.fromEntries(keys.map((k, i) => [k.name, tuple[i]])));
}
