import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { SecretBox } from '../../common/crypto/secret-box';
import { LookupEntity } from './lookup.entity';

const TTL_MS = 1000;

/** Whose lookups apply to a request: precedence user → role → app → global (API.md 4.7). */
export interface LookupOwners {
  readonly userId?: number;
  readonly roleId?: number;
  readonly appId?: number;
}

interface Tables {
  readonly at: number;
  readonly user: Map<string, string | null>;
  readonly role: Map<string, string | null>;
  readonly app: Map<string, string | null>;
  readonly global: Map<string, string | null>;
}

/**
 * Custom lookups for filters and record values, decrypted once and cached briefly; changes
 * through the system API call `invalidate()`. Private lookups are left out: they are only
 * substituted into service connection settings, never into filters, records or responses.
 */
@Injectable()
export class LookupDirectory {
  private tables: Tables | undefined;
  private loading: Promise<Tables> | undefined;
  /** Bumped by `invalidate()`: a read that started before it is not kept. */
  private generation = 0;

  constructor(
    @InjectRepository(LookupEntity) private readonly lookups: Repository<LookupEntity>,
    private readonly box: SecretBox,
  ) {}

  /** The resolver of custom lookups for these owners: `{known: false}` for names none of them has. */
  async forOwners(owners: LookupOwners): Promise<(name: string) => { known: boolean; value: unknown }> {
    const tables = await this.load();
    const scoped = [
      owners.userId === undefined ? undefined : [tables.user, owners.userId] as const,
      owners.roleId === undefined ? undefined : [tables.role, owners.roleId] as const,
      owners.appId === undefined ? undefined : [tables.app, owners.appId] as const,
    ];
    return (name) => {
      for (const entry of scoped) {
        if (!entry) continue;
        const key = `${entry[1]}:${name}`;
        if (entry[0].has(key)) return { known: true, value: entry[0].get(key) };
      }
      if (tables.global.has(name)) return { known: true, value: tables.global.get(name) };
      return { known: false, value: undefined };
    };
  }

  invalidate(): void {
    this.generation++;
    this.tables = undefined;
    this.loading = undefined;
  }

  private async load(): Promise<Tables> {
    if (this.tables && Date.now() - this.tables.at < TTL_MS) return this.tables;
    const generation = this.generation;
    const loading = (this.loading ??= this.read());
    try {
      const tables = await loading;
      if (generation === this.generation) this.tables = tables;
      return tables;
    } finally {
      if (this.loading === loading) this.loading = undefined;
    }
  }

  private async read(): Promise<Tables> {
    const rows = await this.lookups.find({ where: { private: false }, order: { id: 'ASC' } });
    const tables: Tables = { at: Date.now(), user: new Map(), role: new Map(), app: new Map(), global: new Map() };
    for (const row of rows) {
      const value = row.value === null ? null : this.box.decrypt(row.value);
      if (row.userId !== null) tables.user.set(`${row.userId}:${row.name}`, value);
      else if (row.roleId !== null) tables.role.set(`${row.roleId}:${row.name}`, value);
      else if (row.appId !== null) tables.app.set(`${row.appId}:${row.name}`, value);
      else tables.global.set(row.name, value);
    }
    return tables;
  }
}
