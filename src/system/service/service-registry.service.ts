import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ServiceEntity } from './service.entity';

const TTL_MS = 1000;
type Listener = (name: string | undefined) => void;

/** Services by (lower-cased) name, cached briefly; listeners hear about every change in this process. */
@Injectable()
export class ServiceRegistry {
  private cache: { at: number; byName: Map<string, ServiceEntity> } | undefined;
  private readonly listeners: Listener[] = [];

  constructor(@InjectRepository(ServiceEntity) private readonly services: Repository<ServiceEntity>) {}

  async findByName(name: string): Promise<ServiceEntity | undefined> {
    return (await this.all()).get(name.toLowerCase());
  }

  async all(): Promise<Map<string, ServiceEntity>> {
    if (!this.cache || Date.now() - this.cache.at > TTL_MS) {
      const rows = await this.services.find({ order: { id: 'ASC' } });
      this.cache = { at: Date.now(), byName: new Map(rows.map((s) => [s.name, s])) };
    }
    return this.cache.byName;
  }

  /** Call after a change; `name` is the service changed (undefined: all). */
  changed(name?: string): void {
    this.cache = undefined;
    for (const listener of this.listeners) listener(name);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }
}
