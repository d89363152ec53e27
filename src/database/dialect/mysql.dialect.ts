import type { Dialect } from './dialect';

export const mysql: Dialect = {
  name: 'mysql',
  quoteIdentifier: (name) => `\`${name.replace(/`/g, '``')}\``,
  placeholder: () => '?',
  sqlFunction: (fn) => (fn === 'NOW' ? 'NOW()' : fn),
  textCast: (expression) => `CAST(${expression} AS CHAR)`,
  bindBoolean: (value) => (value ? 1 : 0),
};
