import type { ServiceContext } from '../data-plane.service';
import type { Relationship } from '../relationships/discover';
import type { RelationshipService } from '../relationships/relationship.service';
import type { TableSchema } from '../schema-cache/schema.types';

/** A service's tables by real name and the relationships of each (API.md 3.12). */
export interface ServiceRelationships {
  readonly tables: ReadonlyMap<string, TableSchema>;
  readonly relationships: ReadonlyMap<string, readonly Relationship[]>;
}

// Keyed by the schema cache's table list: a new list (reload) means a new index.
const indexed = new WeakMap<readonly TableSchema[], ReadonlyMap<string, TableSchema>>();

/**
 * The relationships of a service's current schema (discovered, virtual and with their stored
 * extras, cached by RelationshipService) and its tables by name.
 */
export async function serviceRelationships(context: ServiceContext, service: RelationshipService): Promise<ServiceRelationships> {
  const list = await context.schema.tables();
  let tables = indexed.get(list);
  if (!tables) {
    tables = new Map(list.map((t) => [t.name, t]));
    indexed.set(list, tables);
  }
  return { tables, relationships: await service.forService(context) };
}
