import type { Dialect } from './dialect';

export const sqlite: Dialect = {
  name: 'sqlite',
  quoteIdentifier: (name) => `"${name.replace(/"/g, '""')}"`,
  placeholder: () => '?',
  // SQLite has no NOW(); CURRENT_TIMESTAMP is its UTC 'YYYY-MM-DD HH:MM:SS'.
  sqlFunction: (fn) => (fn === 'NOW' ? 'CURRENT_TIMESTAMP' : fn),
  textCast: (expression) => `CAST(${expression} AS TEXT)`,
  bindBoolean: (value) => (value ? 1 : 0),
};
