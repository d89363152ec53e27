import { Column, Entity, Index } from 'typeorm';

/** A revoked session token (logout, refresh), kept until it would have expired anyway. */
@Entity('token_revocation')
export class TokenRevocationEntity {
  @Column({ type: 'int', primary: true, generated: 'increment' })
  id!: number;

  @Index('uq_token_revocation_jti', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  jti!: string;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  /** Seconds since the epoch; rows past it can be purged. */
  @Index('ix_token_revocation_expires')
  @Column({ name: 'expires_at', type: 'bigint' })
  expiresAt!: string;
}
