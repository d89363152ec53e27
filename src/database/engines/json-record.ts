import { param, type Part } from '../sql/parts';

/**
 * Pieces of a record's JSON text for engines that build it by concatenation (MySQL/MariaDB,
 * SQLite): the JSON-escaped key text goes in as a parameter (`{"first_name":` then
 * `,"age":` …), never pasted into SQL, and each value is already a JSON literal.
 * @example recordPieces(['id', 'name'], (i) => [`v${i}`])
 *   // [{param:'{"id":'}, 'v0', {param:',"name":'}, 'v1', "'}'"]
 */
export function recordPieces(keys: readonly string[], value: (index: number) => Part[]): Part[][] {
  if (keys.length === 0) return [["'{}'"]];
  const pieces: Part[][] = [];
  keys.forEach((key, i) => {
    pieces.push([param(`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`)], value(i));
  });
  pieces.push(["'}'"]);
  return pieces;
}

/** Fractional-second digits declared in a type such as `datetime(6)`, `time(3)`; 0 when none. */
export function fractionDigits(dbType: string): number {
  const m = /\((\d+)\)/.exec(dbType);
  return m ? Number(m[1]) : 0;
}
