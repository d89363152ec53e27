import { Column, Entity } from 'typeorm';
import { AuditedEntity } from '../../common/entities/audited.entity';

/** Global, role, app or user lookup (API.md 4.7). The value is encrypted at rest. */
@Entity('lookup')
export class LookupEntity extends AuditedEntity {
  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'boolean', default: false })
  private!: boolean;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  @Column({ name: 'role_id', type: 'int', nullable: true })
  roleId!: number | null;

  @Column({ name: 'app_id', type: 'int', nullable: true })
  appId!: number | null;

  @Column({ name: 'user_id', type: 'int', nullable: true })
  userId!: number | null;
}
