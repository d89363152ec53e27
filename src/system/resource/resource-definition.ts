import type { EntityManager } from 'typeorm';
import type { SimpleType } from '../../database/schema-cache/schema.types';
import type { Caller } from '../../common/http/request-context';
import type { JsonRecord } from '../../common/http/bodies';

/** One visible field of a system resource; its API name is also its column name. */
export interface FieldDefinition {
  readonly name: string;
  readonly type: SimpleType;
  /** Secret and hashed fields are not filterable (API.md 4.1). Default true. */
  readonly filterable?: boolean;
}

export interface WriteContext {
  readonly caller: Caller;
  readonly manager: EntityManager;
  readonly query: Readonly<Record<string, unknown>>;
}

/** What `afterChange` learns about the request; `complete` is false when the batch failed part-way. */
export interface ChangeContext {
  readonly caller: Caller;
  readonly query: Readonly<Record<string, unknown>>;
  readonly complete: boolean;
}

/** A has_many (or has_one) relationship of a system resource, writable through its parent (4.1). */
export interface RelationDefinition {
  readonly name: string;
  readonly kind: 'has_many' | 'has_one' | 'belongs_to';
  /** The related resource's definition (lazy: definitions refer to each other). */
  readonly target: () => ResourceDefinition<{ id: number }>;
  /** has_many/has_one: the child's column holding the parent id; belongs_to: this resource's column. */
  readonly column: string;
  /** Related writes are accepted inside parent records. */
  readonly writable: boolean;
}

/**
 * How one system resource maps to its table. The generic SystemResourceService implements the
 * conventions of API.md 4.1 (list, ids, filter, fields, related, batches, PUT ≡ PATCH) once for all.
 */
export interface ResourceDefinition<E extends { id: number }> {
  readonly name: string;
  readonly entity: new () => E;
  readonly fields: readonly FieldDefinition[];
  readonly relations?: readonly RelationDefinition[];
  /**
   * Extra condition every query of this resource carries (e.g. admins vs users), as column → value.
   * Rows of another scope are 404; created rows get these values whatever the body says.
   */
  readonly scope?: Readonly<Record<string, unknown>>;
  /** The response object of one row (secrets masked, hashes never). */
  toDto(entity: E): JsonRecord;
  /** Validates a create; throws VALUE_INVALID with a field map. Returns the columns to insert. */
  prepareCreate(input: JsonRecord, context: WriteContext): Promise<Partial<E>>;
  /** Validates an update of `existing`; returns the changed columns. */
  prepareUpdate(input: JsonRecord, existing: E, context: WriteContext): Promise<Partial<E>>;
  /** Throws when the row may not be deleted. */
  beforeDelete?(existing: E, context: WriteContext): Promise<void>;
  /**
   * Called after a write request with the ids it touched (also when a batch failed part-way:
   * then `complete` is false and some ids may have been rolled back): caches, pools, mails.
   */
  afterChange?(ids: readonly number[], kind: 'create' | 'update' | 'delete', context: ChangeContext): void | Promise<void>;
  /** Fields every write response carries beside `id` for this query (e.g. the new key of `?regenerate=true`). */
  writeResponseFields?(query: Readonly<Record<string, unknown>>): readonly string[];
}
