import { stringifyJson, type JsonText } from '../../common/values/json-text';

const RESOURCE_OPEN = Buffer.from('{"resource":');
import { createRowMapper } from '../../common/values/output';
import type { ColumnSchema } from '../schema-cache/schema.types';
import { keyText } from '../sql/keys';
import { buildCount, buildJsonPage, buildJsonRecords, buildSelectRows, canSelectJson, pagesAsRows, type SelectSpec } from '../sql/select';
import type { SqlRunner } from './runner';

/**
 * Reads of the records API over a runner. JSON reads return the text the database printed; when
 * an engine cannot print a value in SQL (binary on SQLite) they fall back to the rows path and
 * serialise in Node, with the same output.
 */
export interface JsonPage {
  /** JSON array text of the records (bytes when the executor joined them off-heap). */
  readonly resource: JsonText;
  /** Rows matching the filter, when asked for. */
  readonly count?: number;
}

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

/** Typed records (rows path), for CSV/XML and for code that needs values. */
export async function readRows(runner: SqlRunner, spec: SelectSpec): Promise<Record<string, unknown>[]> {
  const select = buildSelectRows(runner.engine, spec);
  const { rows } = await runner.run(select.parts, { table: spec.table, operation: 'read' });
  return rows.map(createRowMapper(select.columns));
}

/** Rows (or groups) matching where/having. */
export async function countRows(runner: SqlRunner, spec: SelectSpec): Promise<number> {
  const { rows } = await runner.run(buildCount(runner.engine, spec), { table: spec.table, operation: 'read' });
  return Number(rows[0]?.n ?? 0);
}

/** One page as JSON text, the count fused into the same statement. */
export async function readJsonPage(runner: SqlRunner, spec: SelectSpec, options: { count?: boolean } = {}): Promise<JsonPage> {
  if (canSelectJson(runner.engine, spec)) {
    const parts = buildJsonPage(runner.engine, spec, options);
    if (pagesAsRows(runner.engine, options)) return { resource: await runner.joinRows(parts, { table: spec.table, operation: 'read' }) };
    const { rows } = await runner.run(parts, { table: spec.table, operation: 'read' });
    const row = rows[0] ?? {};
    const resource = asText(row.resource);
    // MySQL answers NULL when the page exceeds max_allowed_packet; the rows path still works.
    if (resource !== null || Number(row.n ?? 0) === 0) {
      const text = resource ?? '[]';
      return options.count ? { resource: text, count: Number(row.count ?? 0) } : { resource: text };
    }
  }
  const [records, count] = await Promise.all([readRowsJson(runner, spec), options.count ? countRows(runner, spec) : undefined]);
  const resource = `[${records.map((r) => r.json).join(',')}]`;
  return count === undefined ? { resource } : { resource, count };
}

export interface JsonRecord {
  /** `keyText` of the row's key values, to match request ids. */
  readonly key: string;
  /** The record's JSON object text. */
  readonly json: string;
}

/** Records one by one, each with its key (reads by id or ids, re-reads after writes). */
export async function readJsonRecords(runner: SqlRunner, spec: SelectSpec, keys: readonly ColumnSchema[]): Promise<JsonRecord[]> {
  if (canSelectJson(runner.engine, spec)) {
    const { rows } = await runner.run(buildJsonRecords(runner.engine, spec, keys), { table: spec.table, operation: 'read' });
    const map = createRowMapper(keys.map((k, i) => ({ key: String(i), alias: `k${i}`, family: 'string' })));
    return rows.map((row) => ({ key: keyText(Object.values(map(row))), json: asText(row.j) ?? 'null' }));
  }
  return readRowsJson(runner, spec, keys);
}

/**
 * The rows path of JSON reads: values typed in Node, related records (JSON text the database
 * printed) spliced in after the fields; with `keys`, each record's key text too.
 */
async function readRowsJson(runner: SqlRunner, spec: SelectSpec, keys: readonly ColumnSchema[] = []): Promise<JsonRecord[]> {
  const keyFields = keys.map((column) => ({ kind: 'column' as const, column }));
  const select = buildSelectRows(runner.engine, { ...spec, fields: [...spec.fields, ...keyFields] });
  // Related records are aggregated: the prefix lifts MariaDB's GROUP_CONCAT length limit.
  const prefix = spec.related && spec.related.length > 0 && runner.engine.jsonPrefix ? [runner.engine.jsonPrefix] : [];
  const { rows } = await runner.run([...prefix, ...select.parts], { table: spec.table, operation: 'read' });
  const fields = spec.fields.length;
  const width = fields + keys.length;
  const toRecord = createRowMapper(select.columns.slice(0, fields));
  const toKey = createRowMapper(select.columns.slice(fields, width).map((c, i) => ({ ...c, key: String(i) })));
  const embedded = select.columns.slice(width);
  return rows.map((row) => {
    let json = stringifyJson(toRecord(row));
    if (embedded.length > 0) {
      const extra = embedded.map((c) => `${JSON.stringify(c.key)}:${asText(row[c.alias]) ?? 'null'}`).join(',');
      json = json === '{}' ? `{${extra}}` : `${json.slice(0, -1)},${extra}}`;
    }
    return { key: keys.length > 0 ? keyText(Object.values(toKey(row))) : '', json };
  });
}

/**
 * The list body `{"resource":[…],"meta":{…}}` around database-printed JSON, by concatenation.
 * @example listBody('[{"id":1}]', { count: 5, next: 1 })  // '{"resource":[{"id":1}],"meta":{"count":5,"next":1}}'
 */
export function listBody(resource: JsonText, meta?: { readonly count?: number; readonly next?: number; readonly schema?: unknown }): JsonText {
  const tail = !meta || Object.keys(meta).length === 0 ? '}' : `,"meta":${stringifyJson(meta)}}`;
  if (typeof resource === 'string') return `{"resource":${resource}${tail}`;
  return resource.wrap(RESOURCE_OPEN, tail);
}
