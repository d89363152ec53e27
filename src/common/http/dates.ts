/** `YYYY-MM-DD HH:MM:SS` in UTC, the contract's form for last_login_date and token_expiry_date. */
export function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
