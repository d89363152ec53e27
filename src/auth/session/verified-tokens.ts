import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/http/request-context';
import { UserDirectory } from '../../system/user/user-directory.service';
import { RevocationService } from './revocation.service';

/** How long a fully verified token is trusted without verifying it again (user and revocation caches use the same window). */
const VERIFIED_TTL_MS = 1000;
const EXPIRY_LEEWAY_SECONDS = 30;
const MAX_ENTRIES = 10_000;

export type VerifiedSession = Required<Pick<Caller, 'user' | 'token'>>;

interface Entry extends VerifiedSession {
  readonly until: number;
  readonly generation: number;
}

/**
 * Session tokens that passport-jwt accepted in the last second, so a client's burst of requests
 * does not pay for the checks again. Any change to a user in this process (generation), a known
 * revocation or the token's expiry ends an entry at once; other instances see revocations within
 * the caches' one-second window.
 */
@Injectable()
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly users: UserDirectory,
    private readonly revocations: RevocationService,
  ) {}

  /** The user and claims of a token verified within the window, else undefined (verify it in full). */
  get(raw: string): VerifiedSession | undefined {
    const entry = this.entries.get(raw);
    if (!entry) return undefined;
    const now = Date.now();
    const valid = entry.until > now && entry.generation === this.users.generation && !this.revocations.isKnownRevoked(entry.token.jti)
      && entry.token.exp + EXPIRY_LEEWAY_SECONDS > now / 1000;
    return valid ? entry : undefined;
  }

  remember(session: VerifiedSession): void {
    if (this.entries.size > MAX_ENTRIES) this.entries.clear();
    this.entries.set(session.token.raw, { ...session, until: Date.now() + VERIFIED_TTL_MS, generation: this.users.generation });
  }
}
