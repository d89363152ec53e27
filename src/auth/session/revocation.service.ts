import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { TokenRevocationEntity } from './token-revocation.entity';

const NEGATIVE_TTL_MS = 1000;

/**
 * Revoked session tokens, stored in the system database (so every instance honours them) with an
 * in-process cache: a revoked jti is remembered for good, a clean one for one second.
 */
@Injectable()
export class RevocationService {
  private readonly revoked = new Set<string>();
  private readonly clean = new Map<string, number>();

  constructor(@InjectRepository(TokenRevocationEntity) private readonly repository: Repository<TokenRevocationEntity>) {}

  async isRevoked(jti: string): Promise<boolean> {
    if (this.revoked.has(jti)) return true;
    const checkedAt = this.clean.get(jti);
    if (checkedAt !== undefined && Date.now() - checkedAt < NEGATIVE_TTL_MS) return false;
    const found = await this.repository.exists({ where: { jti } });
    if (found) {
      this.revoked.add(jti);
      this.clean.delete(jti);
    } else {
      if (this.clean.size > 50_000) this.clean.clear();
      this.clean.set(jti, Date.now());
    }
    return found;
  }

  /** Revoked through this process, or seen revoked before: answered without I/O. */
  isKnownRevoked(jti: string): boolean {
    return this.revoked.has(jti);
  }

  async revoke(jti: string, userId: number, expiresAt: number): Promise<void> {
    this.revoked.add(jti);
    this.clean.delete(jti);
    await this.repository
      .createQueryBuilder()
      .insert()
      .values({ jti, userId, expiresAt: String(Math.floor(expiresAt)) })
      .orIgnore()
      .execute();
  }

  /** Drops rows of tokens that have expired anyway. */
  async purgeExpired(now = Math.floor(Date.now() / 1000)): Promise<void> {
    await this.repository.delete({ expiresAt: LessThan(String(now - 60)) });
  }
}
