/**
 * Names in generated documents (API.md 7.3): operationIds camel-case the ASCII letters and digits
 * of the service and object names, schema names replace characters outside `[A-Za-z0-9._-]`, and
 * a name already taken gets a numeric suffix. Callers generate in a fixed order, so the suffixes
 * are deterministic.
 */

/** `contact_info` → `ContactInfo`, `order-line 2` → `OrderLine2`; non-ASCII characters drop out. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `{T}` of the per-table schema names: `my table` → `my_table`. */
export function schemaBase(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Hands out names once: the second `getDbX` becomes `getDbX2`, the third `getDbX3`. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(private readonly separator = '') {}

  claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.taken.has(name); n += 1) name = `${wanted}${this.separator}${n}`;
    this.taken.add(name);
    return name;
  }
}

/** Byte-order comparison: deterministic whatever the locale. */
export const byName = <T extends { readonly name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A path segment for a real object name (`/_table/my%20table`); braces never read as templates. */
export const segment = (name: string): string => encodeURIComponent(name);
