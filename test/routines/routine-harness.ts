import { DataSource } from 'typeorm';
import { AppError } from '../../src/common/errors';
import { mysql, postgres, type Dialect } from '../../src/database/dialect';
import {
  callRoutine, parseCallRequest, readRoutineCatalog, withQueryRunner,
  type CallInput, type QueryFn, type RoutineCatalog, type RoutineKind,
} from '../../src/database/routines';
import {
  createTestDatabase, MYSQL_HOST, MYSQL_PORT, MYSQL_USER, PG_HOST, PG_PORT, PG_USER, type TestDatabase,
} from '../helpers/test-databases';

/**
 * A fresh database with the spec's fixture routines, reached through a real TypeORM DataSource,
 * as the service layer will reach it.
 */
export interface RoutineHarness {
  readonly db: TestDatabase;
  readonly dataSource: DataSource;
  readonly dialect: Dialect;
  catalog(): Promise<RoutineCatalog>;
  /** A call as the HTTP layer will make it: parse the request, then call on one pooled connection. */
  call(kind: RoutineKind, name: string, input?: CallInput, timeoutMs?: number): Promise<unknown>;
  /** Like `call`, on a connection the test holds (to check what a call leaves behind). */
  callOn(run: QueryFn, kind: RoutineKind, name: string, input?: CallInput, timeoutMs?: number): Promise<unknown>;
  tableExists(name: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function openRoutineHarness(engine: 'postgres' | 'mysql', fixture: string): Promise<RoutineHarness> {
  const db = await createTestDatabase(engine, 'routines');
  await db.exec(fixture);
  const dataSource = new DataSource(
    engine === 'postgres'
      ? { type: 'postgres', host: PG_HOST, port: PG_PORT, username: PG_USER, database: db.name }
      : { type: 'mysql', host: MYSQL_HOST, port: MYSQL_PORT, username: MYSQL_USER, database: db.name, timezone: 'Z' },
  );
  await dataSource.initialize();
  const dialect = engine === 'postgres' ? postgres : mysql;
  const catalog = () => readRoutineCatalog(dialect, (text, params) => dataSource.query(text, params));
  const callOn = async (run: QueryFn, kind: RoutineKind, name: string, input: CallInput = {}, timeoutMs?: number) =>
    callRoutine(await catalog(), kind, name, parseCallRequest(input), { dialect, run, service: 'db', timeoutMs });
  return {
    db,
    dataSource,
    dialect,
    catalog,
    call: (kind, name, input, timeoutMs) => withQueryRunner(dataSource, (run) => callOn(run, kind, name, input, timeoutMs)),
    callOn,
    async tableExists(name) {
      const rows = await dataSource.query(
        engine === 'postgres'
          ? "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1"
          : 'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
        [name],
      );
      return (rows as unknown[]).length === 1;
    },
    async close() {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/** The AppError a promise rejects with, as {reason, message} (fails the test if it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<{ reason: string; message: string }> {
  const error: unknown = await promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return { reason: error.reason, message: error.message };
}

/** Names and values that must never be executed (API.md 8.1 rules 1-2). */
export const INJECTED_NAMES = [
  'touch; DROP TABLE canary',
  'touch(); DROP TABLE canary; --',
  `touch"; DROP TABLE canary; --`,
  'touch`; DROP TABLE canary; --',
  "touch'",
];
export const INJECTED_VALUE = "'); DROP TABLE canary; --";
