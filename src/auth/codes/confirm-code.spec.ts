import { codeMatches, generateCode, hashCode } from './confirm-code';

describe('confirmation codes', () => {
  it('are 32 characters of [0-9A-Z] and differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{32}$/);
  });

  it('use most of the alphabet (no biased generator)', () => {
    const seen = new Set([...Array.from({ length: 50 }, () => generateCode()).join('')]);
    expect(seen.size).toBe(36);
  });

  it.each([
    ['the code itself', (c: string) => c, true],
    ['lower-cased', (c: string) => c.toLowerCase(), false],
    ['with a trailing space', (c: string) => `${c} `, false],
    ['with a NUL', (c: string) => `${c}\u0000`, false],
    ['truncated', (c: string) => c.slice(0, 31), false],
    ['"y"', () => 'y', false],
    ['empty', () => '', false],
  ])('compares exactly: %s', (_name, present, expected) => {
    const code = generateCode();
    expect(codeMatches(present(code), hashCode(code))).toBe(expected);
  });

  it('never matches without a stored hash or with a non-string code', () => {
    const code = generateCode();
    expect(codeMatches(code, null)).toBe(false);
    expect(codeMatches(code, '')).toBe(false);
    expect(codeMatches(123, hashCode('123'))).toBe(false);
    expect(codeMatches(undefined, hashCode(code))).toBe(false);
  });

  it('stores only a digest', () => {
    const code = generateCode();
    expect(hashCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCode(code)).not.toContain(code);
  });
});
