import { AppError } from '../../common/errors';
import { assertInsideFilter, writtenRowsWhere } from '../access/record-filter';
import type { JsonRecord } from '../../common/http/bodies';
import { JsonNumber } from '../../common/values/json-number';
import { countRows, readRows } from '../engines/records';
import type { SqlRunner } from '../engines/runner';
import { deleteRows, insertRows, updateRows } from '../engines/writes';
import { apiName, findRelationship, type Relationship } from '../relationships/discover';
import { findColumn, type ColumnSchema, type TableSchema } from '../schema-cache/schema.types';
import { columnField } from '../sql/fields';
import { param, type Part } from '../sql/parts';
import { whereKeys } from '../sql/keys';
import { recordKeyTuple, recordNotFound } from './keys';
import { combine, primaryKeyColumns } from './read-plan';
import { recordValues, type InputContext } from './record-input';
import type { ServiceRelationships } from './relationships';

/** Nesting levels of related data in one record (the top-level record is level 0). */
export const MAX_NESTED_DEPTH = 5;

interface Nested {
  readonly relationship: Relationship;
  readonly value: unknown;
}

/**
 * Access to a nested table (API.md 3.9, 6.6, 8.1 #10): whether the role grants the write on it
 * (`update` is the request's PUT or PATCH), and the record filter that comes with it. None: all allowed.
 */
/** The role's answer for a related table: `read` is asked of far records linked by key (many_many). */
export type NestedAccess = (table: TableSchema, write: 'read' | 'create' | 'update' | 'delete') => { readonly allowed: boolean; readonly filter?: readonly Part[] };

const OPEN: ReturnType<NestedAccess> = { allowed: true };

/** Writes the row itself given the record with its local foreign keys set; answers its key tuple. */
export type RowWrite = (record: JsonRecord) => Promise<unknown[]>;

const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A typed output value back into request form (exact digits of big numbers as text). */
const plain = (v: unknown): unknown => (v instanceof JsonNumber ? v.text : v);
const hasKey = (record: JsonRecord, column: string): string | undefined =>
  Object.keys(record).find((k) => k === column) ?? Object.keys(record).find((k) => k.toLowerCase() === column.toLowerCase());

/**
 * Nested writes (API.md 3.9): record keys naming a relationship carry related data. belongs_to
 * parents are written before the row and its foreign key set to them; has_one/has_many children
 * and many_many far records (with their junction rows) after it. Everything runs on the runner of
 * the record's transaction, so a failing child leaves nothing of the record behind.
 */
export class NestedWriter {
  private readonly names = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly service: ServiceRelationships,
    private readonly input: InputContext,
    private readonly allowRelatedDelete: boolean,
    private readonly access?: NestedAccess,
  ) {}

  /** Whether the record carries related data (cheap: a set lookup per key). */
  hasNested(table: TableSchema, record: JsonRecord): boolean {
    const names = this.relationNames(table);
    return names.size > 0 && Object.keys(record).some((k) => names.has(k.toLowerCase()));
  }

  /**
   * Writes one record of `table` with its related data: parents, then the row (`row`), then
   * children. `keys` are the columns of the tuple `row` answers.
   */
  async write(runner: SqlRunner, table: TableSchema, record: JsonRecord, keys: readonly ColumnSchema[], row: RowWrite, depth = 0): Promise<unknown[]> {
    if (!this.hasNested(table, record)) return row(record);
    if (depth >= MAX_NESTED_DEPTH) throw new AppError('REQUEST_INVALID', `Related data may nest at most ${MAX_NESTED_DEPTH} levels.`);
    const { columns, nested } = this.split(table, record);
    let own = columns;
    for (const item of nested) if (item.relationship.type === 'belongs_to') own = await this.parent(runner, own, item, depth);
    const tuple = await row(own);
    const children = nested.filter((item) => item.relationship.type !== 'belongs_to');
    if (children.length === 0) return tuple;
    const local = await this.values(runner, table, keys, tuple, children.flatMap((c) => c.relationship.field));
    for (const item of children) {
      const parentValues = item.relationship.field.map((f) => local.get(f));
      if (item.relationship.type === 'many_many') await this.farRecords(runner, item, parentValues, depth);
      else await this.childRecords(runner, item, parentValues, depth);
    }
    return tuple;
  }

  private relationNames(table: TableSchema): ReadonlySet<string> {
    let names = this.names.get(table.name);
    if (!names) {
      names = new Set((this.service.relationships.get(table.name) ?? []).flatMap((r) => [r.name.toLowerCase(), apiName(r).toLowerCase()]));
      this.names.set(table.name, names);
    }
    return names;
  }

  private split(table: TableSchema, record: JsonRecord): { columns: JsonRecord; nested: Nested[] } {
    const relationships = this.service.relationships.get(table.name) ?? [];
    const columns: JsonRecord = {};
    const nested: Nested[] = [];
    for (const [key, value] of Object.entries(record)) {
      const relationship = this.relationNames(table).has(key.toLowerCase()) ? findRelationship(relationships, key) : undefined;
      if (relationship) nested.push({ relationship, value });
      else columns[key] = value;
    }
    return { columns, nested };
  }

  private table(name: string): TableSchema {
    const table = this.service.tables.get(name);
    if (!table) throw new AppError('RELATION_UNKNOWN', `Invalid relationship requested: ${name}`);
    return table;
  }

  /** belongs_to: the parent is created (no key), or updated/created by key; the local key points to it. */
  private async parent(runner: SqlRunner, record: JsonRecord, item: Nested, depth: number): Promise<JsonRecord> {
    const r = item.relationship;
    if (item.value === null) return withValues(record, r.field, r.field.map(() => null));
    if (!isRecord(item.value)) throw new AppError('VALUE_INVALID', `Related data for '${apiName(r)}' must be a record.`);
    const table = this.table(r.refTable);
    const keys = primaryKeyColumns(table);
    const manual = keys.find((k) => !k.autoIncrement && recordKeyTuple([k], item.value as JsonRecord, this.input.engine.dialect) === undefined);
    const tuple = keys.length > 0 ? recordKeyTuple(keys, item.value, this.input.engine.dialect) : undefined;
    if (!tuple && manual) throw new AppError('VALUE_INVALID', `Related record has no primary key value for '${manual.name}'.`);
    // "parent with key → updated if it exists, else created" (API.md 3.9), generated key or not.
    const written = await this.save(runner, table, item.value, keys, tuple, depth, true);
    const values = await this.values(runner, table, keys, written, r.refField);
    return withValues(record, r.field, r.refField.map((f) => values.get(f)));
  }

  /** has_many / has_one: children created, updated or linked with the foreign key set, or unlinked. */
  private async childRecords(runner: SqlRunner, item: Nested, parentValues: unknown[], depth: number): Promise<void> {
    const r = item.relationship;
    const table = this.table(r.refTable);
    const foreignKey = r.refField.map((name) => findColumn(table, name)!);
    if (r.type === 'has_one' && item.value === null) {
      await this.unlink(runner, table, foreignKey, whereKeys(foreignKey, [parentValues]), false);
      return;
    }
    const children = r.type === 'has_one' ? [item.value] : item.value;
    if (!Array.isArray(children) || !children.every(isRecord)) {
      throw new AppError('VALUE_INVALID', `Related data for '${apiName(r)}' must be ${r.type === 'has_one' ? 'a record or null' : 'an array of records'}.`);
    }
    const keys = primaryKeyColumns(table);
    for (const child of children) {
      const unlinking = foreignKey.some((c) => { const k = hasKey(child, c.name); return k !== undefined && child[k] === null; });
      const own = keys.length > 0 ? recordKeyTuple(keys, child, this.input.engine.dialect) : undefined;
      if (own && unlinking) {
        await this.unlink(runner, table, foreignKey, whereKeys(keys, [own]), true);
        continue;
      }
      // A key that includes the foreign key (has_one on the child's key, composite keys) is known once it is set.
      const linked = withValues(child, r.refField, parentValues);
      const tuple = keys.length > 0 ? recordKeyTuple(keys, linked, this.input.engine.dialect) : undefined;
      await this.save(runner, table, linked, keys, tuple, depth, own === undefined);
    }
  }

  /** many_many: far records created or updated, then a junction row when missing. */
  private async farRecords(runner: SqlRunner, item: Nested, parentValues: unknown[], depth: number): Promise<void> {
    const r = item.relationship;
    if (!Array.isArray(item.value) || !item.value.every(isRecord)) throw new AppError('VALUE_INVALID', `Related data for '${apiName(r)}' must be an array of records.`);
    const table = this.table(r.refTable);
    const junction = this.table(r.junctionTable!);
    const keys = primaryKeyColumns(table);
    for (const far of item.value) {
      const tuple = keys.length > 0 ? recordKeyTuple(keys, far, this.input.engine.dialect) : undefined;
      const onlyKey = tuple !== undefined && Object.keys(far).every((k) => keys.some((c) => c.name.toLowerCase() === k.toLowerCase()));
      // A far record linked by key must be one the role may read: outside its GET filter it is not found (API.md 6.6).
      if (onlyKey && (await countRows(runner, { table, fields: [], where: combine(this.allowed(table, 'read').filter, whereKeys(keys, [tuple]))! })) === 0) {
        throw recordNotFound(tuple.length === 1 ? tuple[0] : tuple);
      }
      const written = onlyKey ? tuple : await this.save(runner, table, far, keys, tuple, depth);
      const farValues = await this.values(runner, table, keys, written, r.refField);
      const link = [...r.junctionField, ...r.junctionRefField];
      const linkValues = [...parentValues, ...r.refField.map((f) => farValues.get(f))];
      const columns = link.map((name) => findColumn(junction, name)!);
      if ((await countRows(runner, { table: junction, fields: [], where: whereKeys(columns, [linkValues]) })) > 0) continue;
      const values = recordValues(junction, withValues({}, link, linkValues), 'insert', this.input);
      const create = this.allowed(junction, 'create');
      await insertRows(runner, { table: junction, columns: values.columns, rows: [values.values] });
      await assertInsideFilter(runner, junction, create.filter, writtenRowsWhere(values.columns, values.values));
    }
  }

  /**
   * Creates (no key) or updates the record by key, inserting it when missing and its key is not
   * generated (or `insertMissing`: the key came from the parent); nested data of the record is
   * written too. Answers its key tuple.
   */
  private async save(runner: SqlRunner, table: TableSchema, record: JsonRecord, keys: readonly ColumnSchema[], tuple: unknown[] | undefined, depth: number, insertMissing = false): Promise<unknown[]> {
    return this.write(runner, table, record, keys, async (own) => {
      if (tuple) {
        const values = recordValues(table, own, 'update', this.input);
        const key = whereKeys(keys, [tuple]);
        if ((await countRows(runner, { table, fields: [], where: key })) > 0) {
          // An existing row is updated: the role must grant it, and the row stay inside its filter (6.6).
          const update = this.allowed(table, 'update');
          const where = update.filter ? ['(', ...update.filter, ') AND ', ...key] : key;
          if ((await countRows(runner, { table, fields: [], where })) === 0) throw recordNotFound(tuple.length === 1 ? tuple[0] : tuple);
          if (values.columns.length > 0) await updateRows(runner, { table, set: values.columns.map((column, i) => ({ column, value: values.values[i]! })), where });
          await assertInsideFilter(runner, table, update.filter, key);
          return tuple;
        }
        if (!insertMissing && keys.some((k) => k.autoIncrement)) throw recordNotFound(tuple.length === 1 ? tuple[0] : tuple);
      }
      const values = recordValues(table, own, 'insert', this.input);
      const create = this.allowed(table, 'create');
      const { rows } = await insertRows(runner, { table, columns: values.columns, rows: [values.values], returning: keys });
      const written = keys.map((k) => {
        const at = values.columns.indexOf(k);
        const value = at >= 0 ? values.values[at] : undefined;
        return rows[0] && k.name in rows[0] ? plain(rows[0][k.name]) : typeof value === 'object' && value !== null && 'param' in value ? value.param : null;
      });
      await assertInsideFilter(runner, table, create.filter, keys.length > 0 ? whereKeys(keys, [written]) : writtenRowsWhere(values.columns, values.values));
      return written;
    }, depth + 1);
  }

  /** Sets the foreign key to NULL (or deletes the rows: NOT NULL key and allow_related_delete). */
  private async unlink(runner: SqlRunner, table: TableSchema, foreignKey: readonly ColumnSchema[], rows: Part[], explicit: boolean): Promise<void> {
    const required = foreignKey.find((c) => !c.allowNull);
    const access = this.allowed(table, required && this.allowRelatedDelete ? 'delete' : 'update');
    const where = access.filter ? ['(', ...access.filter, ') AND ', ...rows] : rows;
    if (required && this.allowRelatedDelete) {
      await deleteRows(runner, { table, where });
      return;
    }
    if (required) throw new AppError('VALUE_INVALID', `Field '${required.name}' can not be NULL.`);
    const set = foreignKey.map((column) => ({ column, value: param(null) }));
    // Unlinked rows (foreign key now NULL) must stay inside the filter: found again by their own key.
    const keys = primaryKeyColumns(table);
    const touched = access.filter && keys.length > 0 ? (await readRows(runner, { table, fields: keys.map(columnField), where })).map((row) => keys.map((k) => row[k.name])) : [];
    const { affectedRows } = await updateRows(runner, { table, set, where });
    if (touched.length > 0) await assertInsideFilter(runner, table, access.filter, whereKeys(keys, touched));
    if (explicit && affectedRows === 0 && (await countRows(runner, { table, fields: [], where })) === 0) throw new AppError('RECORD_NOT_FOUND', 'Related record to unlink not found.');
  }

  /** The role's answer for a write on a nested table; 403 when it does not grant it. */
  private allowed(table: TableSchema, write: 'read' | 'create' | 'update' | 'delete'): ReturnType<NestedAccess> {
    const answer = this.access?.(table, write) ?? OPEN;
    if (!answer.allowed) throw new AppError('ACCESS_DENIED', `Access to the related table '${table.name}' is not allowed.`);
    return answer;
  }

  /** Values of some columns of a written row: from its key tuple, else read back by key. */
  private async values(runner: SqlRunner, table: TableSchema, keys: readonly ColumnSchema[], tuple: readonly unknown[], names: readonly string[]): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    keys.forEach((k, i) => out.set(k.name, plain(tuple[i])));
    const missing = [...new Set(names)].filter((n) => !out.has(n)).map((n) => findColumn(table, n)!);
    if (missing.length === 0) return out;
    const [row] = await readRows(runner, { table, fields: missing.map(columnField), where: whereKeys(keys, [tuple]), limit: 1 });
    for (const column of missing) out.set(column.name, plain(row?.[column.name] ?? null));
    return out;
  }
}

/** The record with `columns` set to `values` (any other spelling of those keys dropped). */
function withValues(record: JsonRecord, columns: readonly string[], values: readonly unknown[]): JsonRecord {
  const lower = new Set(columns.map((c) => c.toLowerCase()));
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(record)) if (!lower.has(key.toLowerCase())) out[key] = value;
  columns.forEach((c, i) => (out[c] = values[i]));
  return out;
}
