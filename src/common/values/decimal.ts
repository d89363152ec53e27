/**
 * Exact decimal text: validates a number written in decimal or exponent notation and rewrites it
 * in plain positional form without going through a float, so `12.50` stays `12.50` and `1.5e3`
 * becomes `1500`. Used for `decimal`/`money` input, which must keep every digit.
 */
const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d{1,4}))?$/i;
const MAX_EXPONENT = 1000;

export function canonicalDecimal(text: string): string | undefined {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return undefined;
  const sign = m[1] === '-' ? '-' : '';
  let whole = m[2] ?? '';
  let fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return undefined;
  const exponent = Number(m[4] ?? '0');
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  if (exponent > 0) {
    const moved = fraction.padEnd(exponent, '0');
    whole += moved.slice(0, exponent);
    fraction = fraction.length > exponent ? fraction.slice(exponent) : '';
  } else if (exponent < 0) {
    const digits = whole.padStart(-exponent + 1, '0');
    fraction = digits.slice(digits.length + exponent) + fraction;
    whole = digits.slice(0, digits.length + exponent);
  }
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Plain decimal text of a finite JS number (`1e21` → `1000000000000000000000`). */
export function numberToDecimalText(value: number): string | undefined {
  return Number.isFinite(value) ? canonicalDecimal(String(value)) : undefined;
}
