import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from '../../common/entities/audited.entity';

/** A client application, identified by its API key (API.md 4.5). */
@Entity('app')
export class AppEntity extends AuditedEntity {
  @Index('uq_app_name', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Index('uq_app_api_key', { unique: true })
  @Column({ name: 'api_key', type: 'varchar', length: 128 })
  apiKey!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'int', default: 0 })
  type!: number;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  url!: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  path!: string | null;

  @Column({ name: 'role_id', type: 'int', nullable: true })
  roleId!: number | null;

  @Column({ name: 'requires_fullscreen', type: 'boolean', default: false })
  requiresFullscreen!: boolean;

  @Column({ name: 'allow_fullscreen_toggle', type: 'boolean', default: true })
  allowFullscreenToggle!: boolean;

  @Column({ name: 'toggle_location', type: 'varchar', length: 64, default: 'top' })
  toggleLocation!: string;
}
