import type { DialectName } from '../dialect/dialect';
import type { QueryFn } from './routine.types';

/**
 * Runs `fn` with the session's statement timeout set to `timeoutMs`, then puts the previous value
 * back, so a pooled connection leaves as it came. `run` must be the connection `fn` uses.
 * PostgreSQL: `statement_timeout` through set_config, which takes the value as a bound parameter.
 * MariaDB: `max_statement_time` (seconds), which also bounds CALL
 * (https://mariadb.com/kb/en/aborting-statements/). MySQL has no such variable (its
 * max_execution_time covers SELECT only), so there the connection's own limits apply.
 */
export async function withStatementTimeout<T>(run: QueryFn, dialect: DialectName, timeoutMs: number | undefined, fn: () => Promise<T>): Promise<T> {
  if (timeoutMs === undefined || timeoutMs <= 0) return fn();
  const restore = dialect === 'postgres' ? await setPostgres(run, timeoutMs) : await setMysql(run, timeoutMs);
  if (!restore) return fn();
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    // The call's own error is what the client must see; a failed restore only matters on success.
    await restore().catch(() => undefined);
    throw error;
  }
  await restore();
  return result;
}

type Restore = () => Promise<unknown>;

async function setPostgres(run: QueryFn, timeoutMs: number): Promise<Restore> {
  // The select list is evaluated left to right: the previous value is read before the new one is set.
  const rows = (await run(
    "SELECT current_setting('statement_timeout') AS previous, set_config('statement_timeout', $1, false) AS applied",
    [`${Math.round(timeoutMs)}ms`],
  )) as { previous: string }[];
  const previous = rows[0]?.previous ?? '0';
  return () => run("SELECT set_config('statement_timeout', $1, false)", [previous]);
}

async function setMysql(run: QueryFn, timeoutMs: number): Promise<Restore | undefined> {
  let previous: unknown;
  try {
    const rows = (await run('SELECT @@SESSION.max_statement_time AS previous', [])) as { previous: unknown }[];
    previous = rows[0]?.previous ?? 0;
  } catch {
    return undefined; // MySQL: unknown system variable
  }
  await run('SET SESSION max_statement_time = ?', [timeoutMs / 1000]);
  return () => run('SET SESSION max_statement_time = ?', [previous]);
}
