import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** id + the audit fields every system resource carries (API.md 4.1). */
export abstract class AuditedEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @CreateDateColumn({ name: 'created_date' })
  createdDate!: Date;

  @UpdateDateColumn({ name: 'last_modified_date' })
  lastModifiedDate!: Date;

  @Column({ name: 'created_by_id', type: 'int', nullable: true })
  createdById!: number | null;

  @Column({ name: 'last_modified_by_id', type: 'int', nullable: true })
  lastModifiedById!: number | null;
}
