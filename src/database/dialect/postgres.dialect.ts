import type { Dialect } from './dialect';

export const postgres: Dialect = {
  name: 'postgres',
  quoteIdentifier: (name) => `"${name.replace(/"/g, '""')}"`,
  placeholder: (position) => `$${position}`,
  sqlFunction: (fn) => (fn === 'NOW' ? 'now()' : fn),
  textCast: (expression) => `CAST(${expression} AS TEXT)`,
  bindBoolean: (value) => value,
};
