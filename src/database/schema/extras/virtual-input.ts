import { AppError } from '../../../common/errors';
import { RELATIONSHIP_TYPES, type Relationship, type RelationshipType, type VirtualRelationship } from '../../relationships/relationship.types';
import { findColumn, type TableSchema } from '../../schema-cache/schema.types';
import { has, invalid, readList, readText, type Input } from '../ddl/field-input';
import { findTable } from '../ddl/plan';
import { printable } from '../ddl/names';
import { readRelationshipExtras } from './extras.model';

export interface VirtualContext {
  readonly table: string;
  readonly serviceId: number;
  readonly tables: readonly TableSchema[];
  /** The virtual relationship being changed, if any (its id and definition are the base). */
  readonly existing?: Relationship;
  /** Ids of the table's other virtual relationships. */
  readonly takenIds: readonly string[];
}

function otherService(input: Input, key: string, serviceId: number): boolean {
  const value = input[key];
  return value !== undefined && value !== null && value !== '' && Number(value) !== serviceId;
}

function columns(table: TableSchema, names: readonly string[] | null, label: string, key: string): string[] {
  if (!names || names.length === 0) throw invalid(label, `Property '${key}' of relationship '${label}' is required.`);
  return names.map((n) => {
    const column = findColumn(table, n);
    if (!column) throw invalid(label, `Property '${key}' of relationship '${label}' names field '${printable(n)}', which table '${table.name}' does not have.`);
    return column.name;
  });
}

function tableOf(tables: readonly TableSchema[], name: string | null, label: string, key: string): TableSchema {
  const table = name ? findTable(tables, name) : undefined;
  if (!table) throw invalid(label, `Property '${key}' of relationship '${label}' must name a table of this service.`);
  return table;
}

/**
 * A virtual relationship from a relationship descriptor of a request (API.md 3.13): `type`,
 * `field`, `ref_table`, `ref_field` and, for many_many, the junction; names resolved to the real
 * tables and columns of this service; other services → FEATURE_UNSUPPORTED (API.md 9 row 24).
 */
export function readVirtual(input: Input, ctx: VirtualContext): VirtualRelationship {
  const base = ctx.existing;
  const label = base?.name ?? 'virtual';
  if (otherService(input, 'ref_service_id', ctx.serviceId) || otherService(input, 'junction_service_id', ctx.serviceId)) {
    throw new AppError('FEATURE_UNSUPPORTED', 'Virtual relationships to other services are not supported.');
  }
  const pick = (key: string, current: string | null): string | null => (has(input, key) ? readText(input, key, label, 128) : current);
  const list = (key: string, current: readonly string[]): readonly string[] | null => (has(input, key) ? readList(input, key, label) : current.length > 0 ? current : null);
  const type = (pick('type', base?.type ?? null) ?? '').toLowerCase() as RelationshipType;
  if (!RELATIONSHIP_TYPES.includes(type)) throw invalid(label, `Property 'type' of relationship '${label}' must be one of ${RELATIONSHIP_TYPES.join(', ')}.`);
  const own = tableOf(ctx.tables, ctx.table, label, 'table');
  const ref = tableOf(ctx.tables, pick('ref_table', base?.refTable ?? null), label, 'ref_table');
  const field = columns(own, list('field', base?.field ?? []), label, 'field');
  const refField = columns(ref, list('ref_field', base?.refField ?? []), label, 'ref_field');
  if (field.length !== refField.length) throw invalid(label, `Properties 'field' and 'ref_field' of relationship '${label}' must list as many fields.`);
  let junction: Pick<VirtualRelationship, 'junctionTable' | 'junctionField' | 'junctionRefField'> = { junctionTable: null, junctionField: [], junctionRefField: [] };
  if (type === 'many_many') {
    const j = tableOf(ctx.tables, pick('junction_table', base?.junctionTable ?? null), label, 'junction_table');
    const jField = columns(j, list('junction_field', base?.junctionField ?? []), label, 'junction_field');
    const jRefField = columns(j, list('junction_ref_field', base?.junctionRefField ?? []), label, 'junction_ref_field');
    if (jField.length !== field.length || jRefField.length !== refField.length) {
      throw invalid(label, `The junction fields of relationship '${label}' must match 'field' and 'ref_field'.`);
    }
    junction = { junctionTable: j.name, junctionField: jField, junctionRefField: jRefField };
  }
  const named = type === 'belongs_to' ? field : type === 'many_many' ? [junction.junctionTable ?? ''] : refField;
  // Ids are stored in a 128-character column, suffixes included.
  const stem = `${ref.name}_by_${named.join('_')}`.slice(0, 120);
  let id = base?.source ?? stem;
  const taken = new Set(ctx.takenIds.filter((t) => t !== base?.source).map((t) => t.toLowerCase()));
  for (let n = 2; !base && taken.has(id.toLowerCase()); n += 1) id = `${stem}_${n}`;
  const previous = base ? { alias: base.alias, label: base.label, description: base.description, alwaysFetch: base.alwaysFetch, flatten: base.flatten, flattenDropPrefix: base.flattenDropPrefix } : {};
  return { ...previous, ...readRelationshipExtras(input, label), id, table: own.name, type, field, refTable: ref.name, refField, ...junction };
}
