import type { DialectName } from '../../database/dialect/dialect';

interface Range {
  readonly min: bigint;
  readonly max: bigint;
}

const signed = (bits: number): Range => ({ min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n });
const unsigned = (bits: number): Range => ({ min: 0n, max: (1n << BigInt(bits)) - 1n });

/** Storage size in bits by declared integer type name (first word, no width), per engine docs. */
const BITS: Readonly<Record<string, number>> = {
  tinyint: 8, smallint: 16, int2: 16, smallserial: 16, serial2: 16, mediumint: 24,
  int: 32, integer: 32, int4: 32, serial: 32, serial4: 32,
  bigint: 64, int8: 64, bigserial: 64, serial8: 64,
};

/**
 * The range of values an integer column accepts, from its declared type (`int unsigned`,
 * `smallint`, `tinyint(4)`). SQLite stores every integer in 64 bits whatever the declared name
 * (https://www.sqlite.org/datatype3.html), so its range is always 64-bit.
 */
export function integerRange(dbType: string, dialect: DialectName): Range {
  if (dialect === 'sqlite') return SIGNED_64;
  let range = known.get(dbType);
  if (!range) {
    const name = /^[a-z0-9]+/.exec(dbType.toLowerCase())?.[0] ?? '';
    const bits = BITS[name] ?? 64;
    range = /\bunsigned\b/i.test(dbType) ? unsigned(bits) : signed(bits);
    if (known.size < 1000) known.set(dbType, range);
  }
  return range;
}

const SIGNED_64 = signed(64);
/** Ranges by declared type: every written integer asks, and the answer never changes. */
const known = new Map<string, Range>();
