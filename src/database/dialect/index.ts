import type { Dialect, DialectName } from './dialect';
import { mysql } from './mysql.dialect';
import { postgres } from './postgres.dialect';
import { sqlite } from './sqlite.dialect';

export * from './dialect';
export { mysql, postgres, sqlite };

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = { postgres, mysql, sqlite };
