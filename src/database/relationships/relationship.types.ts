import type { ReferentialAction } from '../schema-cache/schema.types';

/** The four relationship types of API.md 3.12.1. */
export type RelationshipType = 'belongs_to' | 'has_one' | 'has_many' | 'many_many';

export const RELATIONSHIP_TYPES: readonly RelationshipType[] = ['belongs_to', 'has_one', 'has_many', 'many_many'];

/** Server-side extras of a relationship (API.md 3.14.3), stored in the system database. */
export interface RelationshipExtras {
  /** API name used instead of `name` everywhere (related=, nested writes, output keys). */
  readonly alias: string | null;
  readonly label: string | null;
  readonly description: string | null;
  /** Embed without being asked (3.12.3). */
  readonly alwaysFetch: boolean;
  /** Stored and returned; not applied to output. */
  readonly flatten: boolean;
  readonly flattenDropPrefix: boolean;
}

export const NO_RELATIONSHIP_EXTRAS: RelationshipExtras = {
  alias: null, label: null, description: null, alwaysFetch: false, flatten: false, flattenDropPrefix: false,
};

/**
 * One relationship of `table`, derived from a foreign key or declared as virtual.
 *
 * | type       | rows of `refTable` related to a row of `table` where …                                     |
 * |------------|---------------------------------------------------------------------------------------------|
 * | belongs_to | `refTable.refField[i] = table.field[i]` (at most one row)                                   |
 * | has_one    | `refTable.refField[i] = table.field[i]` (at most one row: refField is unique or the key)     |
 * | has_many   | `refTable.refField[i] = table.field[i]`                                                     |
 * | many_many  | a `junctionTable` row has `junctionField[i] = table.field[i]` and `junctionRefField[i] = refTable.refField[i]` |
 *
 * Column lists are index-aligned and never empty (`junction*` are empty unless many_many).
 */
export interface Relationship extends RelationshipExtras {
  /** Derived name (3.12.2), unique per table case-insensitively; `alias` wins in the API when set. */
  readonly name: string;
  readonly type: RelationshipType;
  /** The table this relationship belongs to (real name). */
  readonly table: string;
  readonly field: readonly string[];
  readonly refTable: string;
  readonly refField: readonly string[];
  readonly junctionTable: string | null;
  /** Junction columns matching `field`. */
  readonly junctionField: readonly string[];
  /** Junction columns matching `refField`. */
  readonly junctionRefField: readonly string[];
  /** Rules of the underlying foreign key (for many_many: the junction's key to `table`); null for virtual ones. */
  readonly refOnUpdate: ReferentialAction | null;
  readonly refOnDelete: ReferentialAction | null;
  readonly isVirtual: boolean;
  /** Where it came from: the foreign-key constraint name(s) (`fk_a,fk_b` for many_many) or the virtual's id. */
  readonly source: string;
}

/**
 * A relationship declared through `_schema/{t}/_related` (`is_virtual: true`), as stored. It appears
 * on `table` only (no mirror on `refTable`); it is skipped while a table or column it names is missing.
 */
export interface VirtualRelationship extends Partial<RelationshipExtras> {
  /** Stable id under which it is stored (unique per table). */
  readonly id: string;
  readonly table: string;
  readonly type: RelationshipType;
  readonly field: readonly string[];
  readonly refTable: string;
  readonly refField: readonly string[];
  readonly junctionTable?: string | null;
  readonly junctionField?: readonly string[];
  readonly junctionRefField?: readonly string[];
}

/** Extras of a discovered relationship, stored by table and relationship name. */
export interface StoredRelationshipExtras extends Partial<RelationshipExtras> {
  readonly table: string;
  readonly name: string;
}
