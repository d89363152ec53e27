import type { DataSource, EntityManager } from 'typeorm';
import type { BatchRunner } from '../../common/batch/batch';
import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';
import type { RequestParams } from '../../common/http/params';
import type { ResourceDefinition } from './resource-definition';
import { property } from './resource-reader';

export function notFound(id: number | string): AppError {
  return new AppError('RECORD_NOT_FOUND', `Record with identifier '${String(id)}' not found.`);
}

export function toId(text: string): number {
  if (!/^\d{1,15}$/.test(text.trim())) throw new AppError('VALUE_INVALID', "Field 'id' must be a valid integer.");
  return Number(text.trim());
}

export function recordIds(records: JsonRecord[] | undefined): string[] | undefined {
  if (!records) return undefined;
  return records.map((record) => {
    if (record.id === undefined || record.id === null) throw new AppError('VALUE_INVALID', 'Required id field(s) not found in record.');
    return String(record.id);
  });
}

export function batchOptions(params: RequestParams) {
  return { continueOnError: params.bool('continue'), rollback: params.bool('rollback') };
}

/** The resource's scope (column → value) as entity properties, for finds and inserts. */
export function scopeProperties<E extends { id: number }>(dataSource: DataSource, definition: ResourceDefinition<E>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(definition.scope ?? {}).map(([column, value]) => [property(dataSource, definition, column), value]));
}

/**
 * A unique violation that slipped past a definition's own checks (two writers at once) is a
 * 409 CONFLICT, not a 500 (API.md 4.1). Driver codes: PostgreSQL 23505, MySQL 1062, SQLite UNIQUE.
 */
export function translateWriteError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const e = error as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } };
  const codes = [e.code, e.errno, e.driverError?.code, e.driverError?.errno];
  if (codes.some((c) => c === '23505' || c === 1062 || c === 'ER_DUP_ENTRY' || c === 'SQLITE_CONSTRAINT_UNIQUE' || c === 'SQLITE_CONSTRAINT_PRIMARYKEY')) {
    return new AppError('CONFLICT', 'Duplicate value for a unique field.');
  }
  if (codes.some((c) => c === '23503' || c === 1452 || c === 'ER_NO_REFERENCED_ROW_2' || c === 'SQLITE_CONSTRAINT_FOREIGNKEY')) {
    return new AppError('CONFLICT', 'Referenced record does not exist.');
  }
  return error;
}

/** Batch transactions on the system database; nested calls reuse the open transaction. */
export function transactionRunner(dataSource: DataSource): BatchRunner & { manager(): EntityManager } {
  let current: EntityManager | undefined;
  return {
    manager: () => current ?? dataSource.manager,
    transaction: async (work) => {
      if (current) return work();
      try {
        return await dataSource.transaction(async (manager) => {
          current = manager;
          try {
            return await work();
          } finally {
            current = undefined;
          }
        });
      } catch (error) {
        throw translateWriteError(error);
      }
    },
  };
}
