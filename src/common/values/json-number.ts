/**
 * A number whose exact JSON text must survive (API.md 3.15.1): `decimal` digits (`12.50`), `bigint`
 * beyond 2^53, and floats exactly as the database printed them. `stringifyJson` writes `text` raw;
 * plain `JSON.stringify` degrades to the nearest double.
 */
export class JsonNumber {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }

  valueOf(): number {
    return Number(this.text);
  }

  toJSON(): number {
    return Number(this.text);
  }
}
