import { Column, Entity, Index } from 'typeorm';
import { AuditedEntity } from '../../common/entities/audited.entity';

@Entity('role')
export class RoleEntity extends AuditedEntity {
  @Index('uq_role_name', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;
}

/** What a role may do on one service component (API.md 4.4, 6.3). */
@Entity('role_service_access')
export class RoleServiceAccessEntity extends AuditedEntity {
  @Index('ix_rsa_role')
  @Column({ name: 'role_id', type: 'int' })
  roleId!: number;

  /** null = all services (never the system service). */
  @Column({ name: 'service_id', type: 'int', nullable: true })
  serviceId!: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  component!: string | null;

  @Column({ name: 'verb_mask', type: 'int', default: 0 })
  verbMask!: number;

  @Column({ name: 'requestor_mask', type: 'int', default: 1 })
  requestorMask!: number;

  /** JSON text: [{name, operator, value}]. */
  @Column({ type: 'text', nullable: true })
  filters!: string | null;

  @Column({ name: 'filter_op', type: 'varchar', length: 3, default: 'AND' })
  filterOp!: string;
}
