import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from '../../common/entities/audited.entity';

/** One CORS rule (API.md 4.9). */
@Entity('cors_config')
export class CorsEntity extends AuditedEntity {
  @Index('uq_cors_path', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  path!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  origin!: string;

  @Column({ type: 'text', nullable: true })
  header!: string | null;

  @Column({ name: 'exposed_header', type: 'text', nullable: true })
  exposedHeader!: string | null;

  /** Verb mask: GET 1, POST 2, PUT 4, PATCH 8, DELETE 16. */
  @Column({ type: 'int', default: 0 })
  method!: number;

  @Column({ name: 'max_age', type: 'int', default: 0 })
  maxAge!: number;

  @Column({ name: 'supports_credentials', type: 'boolean', default: false })
  supportsCredentials!: boolean;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;
}
