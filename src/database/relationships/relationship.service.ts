import { Injectable } from '@nestjs/common';
import type { ServiceContext } from '../data-plane.service';
import type { TableSchema } from '../schema-cache/schema.types';
import { SchemaExtrasService } from '../schema/extras/schema-extras.service';
import type { ServiceExtras } from '../schema/extras/extras.model';
import { discoverRelationships } from './discover';
import type { Relationship } from './relationship.types';

interface Discovered {
  readonly extras: ServiceExtras;
  readonly byTable: ReadonlyMap<string, readonly Relationship[]>;
}

/**
 * The relationships of a data service (API.md 3.12): discoverRelationships over the cached
 * schema, the virtual relationships and the stored extras, computed once per schema snapshot and
 * extras version. Used by `_schema` (descriptors) and `_table` (`related=`, nested writes).
 */
@Injectable()
export class RelationshipService {
  // Keyed by the schema cache's table list, which is a new array after every reload.
  private readonly cache = new WeakMap<readonly TableSchema[], Discovered>();

  constructor(private readonly extras: SchemaExtrasService) {}

  /** Relationships of every table, by real table name. */
  async forService(context: ServiceContext): Promise<ReadonlyMap<string, readonly Relationship[]>> {
    const tables = await context.schema.tables();
    const extras = await this.extras.forService(context.service.id);
    const hit = this.cache.get(tables);
    if (hit && hit.extras === extras) return hit.byTable;
    const byTable = discoverRelationships(tables, extras.virtuals, extras.relationships);
    this.cache.set(tables, { extras, byTable });
    return byTable;
  }

  /** Relationships of one table (real name, e.g. from `context.schema.table(name)`). */
  async forTable(context: ServiceContext, table: string): Promise<readonly Relationship[]> {
    return (await this.forService(context)).get(table) ?? [];
  }
}
