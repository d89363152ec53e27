import { AppError } from '../../../common/errors';

/** Names of new tables and fields (API.md 3.13, 8.1 row 3). */
export const NEW_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Longest identifier every engine keeps as written (PostgreSQL truncates at 63 bytes). */
const MAX_IDENTIFIER = 63;

/** A name as it may appear in a message: printable, at most 64 characters. */
export function printable(name: unknown): string {
  const text = typeof name === 'string' ? name : JSON.stringify(name) ?? String(name);
  return text.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 64);
}

/**
 * The name of a new table or field, or 400 VALUE_INVALID naming it.
 * @example checkNewName('field', 'due date')  // throws "Invalid field name 'due date': …"
 */
export function checkNewName(kind: 'table' | 'field', name: unknown): string {
  if (typeof name === 'string' && NEW_NAME_PATTERN.test(name)) return name;
  const shown = printable(name ?? '');
  const message = name === undefined || name === null || name === ''
    ? `A ${kind} name is required.`
    : `Invalid ${kind} name '${shown}': names must start with a letter or '_' and contain only letters, digits and '_' (at most 63).`;
  throw new AppError('VALUE_INVALID', message, { [kind === 'table' ? 'name' : shown || 'name']: [message] });
}

/** FNV-1a, 32 bits, as 8 hex digits: stable short suffixes for long constraint names. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Constraint and index names of API.md 3.14.2 (`undx_{t}_{f}`, `ndx_{t}_{f}`, `fk_{t}_{f}`),
 * shortened with a hash when longer than every engine keeps.
 * @example constraintName('fk', 'todo', ['contact_id'])  // 'fk_todo_contact_id'
 */
export function constraintName(prefix: 'undx' | 'ndx' | 'fk', table: string, columns: readonly string[]): string {
  const name = `${prefix}_${table}_${columns.join('_')}`;
  return name.length <= MAX_IDENTIFIER ? name : `${name.slice(0, MAX_IDENTIFIER - 9)}_${fnv1a(name)}`;
}
