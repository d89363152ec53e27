import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import type { ResourceDefinition, WriteContext } from './resource-definition';

const ID_PATTERN = /^\d{1,15}$/;

/**
 * Related writes inside a parent record (API.md 4.1): items without `id` are created under the
 * parent; with `id` and fields, updated; with the parent key set to null, deleted; with it set to
 * another parent, moved. A has_one set to null deletes the child. Items not mentioned are untouched.
 */
export async function writeRelated<E extends { id: number }>(definition: ResourceDefinition<E>, parentId: number, record: JsonRecord, context: WriteContext): Promise<void> {
  for (const relation of definition.relations ?? []) {
    if (!relation.writable || !(relation.name in record) || relation.kind === 'belongs_to') continue;
    const value = record[relation.name];
    const target = relation.target();
    const repository = context.manager.getRepository(target.entity);
    const column = relation.column;
    const propertyName = context.manager.connection.getMetadata(target.entity).columns.find((c) => c.databaseName === column)!.propertyName;
    if (relation.kind === 'has_one' && value === null) {
      await repository.delete({ [propertyName]: parentId } as never);
      continue;
    }
    const items = relation.kind === 'has_one' ? [value] : value;
    if (!Array.isArray(items) || !items.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i))) {
      throw new AppError('VALUE_INVALID', 'Invalid data supplied.', { [relation.name]: ['Related records must be a list of objects.'] });
    }
    for (const item of items as JsonRecord[]) {
      if (item.id === undefined || item.id === null) {
        const values = await target.prepareCreate({ ...item, [column]: parentId }, context);
        await repository.save({ ...values, [propertyName]: parentId } as never);
        continue;
      }
      if (!ID_PATTERN.test(String(item.id))) throw new AppError('VALUE_INVALID', "Field 'id' must be a valid integer.");
      const existing = await repository.findOne({ where: { id: Number(item.id) } as never });
      if (!existing || (existing as Record<string, unknown>)[propertyName] !== parentId) {
        throw new AppError('RECORD_NOT_FOUND', `Record with identifier '${String(item.id)}' not found.`);
      }
      if (column in item && item[column] === null) {
        await repository.delete(existing.id);
        continue;
      }
      const changes = await target.prepareUpdate(item, existing, context);
      await repository.save({ ...existing, ...changes } as never);
    }
  }
}
