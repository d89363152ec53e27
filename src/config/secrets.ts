import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Returns the configured secret, or the one persisted in STORAGE_DIR/{file}, generating and
 * storing it (mode 600) on first use. Several instances must share it: set it explicitly then.
 */
export function loadOrCreateSecret(storageDir: string, file: string, bytes: number, configured?: string): string {
  if (configured !== undefined) return configured;
  const path = join(storageDir, file);
  if (existsSync(path)) {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(storageDir, { recursive: true });
  const secret = randomBytes(bytes).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secret;
}
