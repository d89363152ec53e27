import { JsonNumber } from './json-number';

/**
 * JSON.stringify for output records that may hold `JsonNumber` (written raw) and `bigint`
 * (written as digits). Otherwise identical to `JSON.stringify` without spacing.
 * @example stringifyJson({ total: new JsonNumber('12.50'), n: 10n })  // '{"total":12.50,"n":10}'
 */
export function stringifyJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      return stringifyObject(value);
    default:
      return 'null';
  }
}

function stringifyObject(value: object): string {
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + stringifyJson(value[i]);
    return `${out}]`;
  }
  if (value instanceof Date || Buffer.isBuffer(value)) return JSON.stringify(value);
  let out = '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${stringifyJson(item)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * A JSON document ready to send: a string, or its UTF-8 bytes in pieces, in order (long pages are
 * joined off-heap, so they never sit in the JS heap as one large string; see Executor.joinRows).
 * Pieces are written to the socket as they are, without being copied into one buffer.
 */
export type JsonText = string | JsonBytes;

/** Streamed pages are written into off-heap chunks of this size (1,000 contacts take three). */
export const CHUNK_BYTES = 64 * 1024;
/** Chunks kept for reuse (4 MiB): without reuse, dead chunks wait for a young collection to be freed and fragment malloc's heap. */
const MAX_SPARE_CHUNKS = 64;
const spareChunks: Buffer[] = [];

/** A chunk for a streamed page: a spare one when there is one. */
export function takeChunk(): Buffer {
  return spareChunks.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
}

/** Chunks no longer viewed by anything (their statement failed, or their response was sent). */
export function giveBackChunks(chunks: readonly Buffer[]): void {
  for (const chunk of chunks) if (spareChunks.length < MAX_SPARE_CHUNKS) spareChunks.push(chunk);
}

export class JsonBytes {
  readonly byteLength: number;
  private owned: readonly Buffer[];

  /** `owned`: the chunks (from takeChunk) that `pieces` view, given back by release(). */
  constructor(readonly pieces: readonly Buffer[], owned: readonly Buffer[] = []) {
    let length = 0;
    for (const piece of pieces) length += piece.length;
    this.byteLength = length;
    this.owned = owned;
  }

  /** The same bytes between two texts (a page's array inside its list body); the chunks move to it. */
  wrap(before: Buffer, after: string): JsonBytes {
    const owned = this.owned;
    this.owned = [];
    return new JsonBytes([before, ...this.pieces, Buffer.from(after)], owned);
  }

  /** Once the bytes have been written and are never read again: the chunks serve the next page. */
  release(): void {
    giveBackChunks(this.owned);
    this.owned = [];
  }

  /** The pieces copied into one buffer, for senders that cannot write them one by one. */
  toBuffer(): Buffer {
    return Buffer.concat(this.pieces as Buffer[], this.byteLength);
  }

  toString(): string {
    return this.toBuffer().toString('utf8');
  }
}

/** The document as a string, for the few readers that need one (XML/CSV rendering, tests). */
export function jsonString(text: JsonText): string {
  return typeof text === 'string' ? text : text.toString();
}
