import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CorsRule } from './cors-policy';
import { CorsEntity } from './cors.entity';

const TTL_MS = 1000;

/** The enabled CORS rules, cached briefly; `system/cors` writes invalidate them in this process. */
@Injectable()
export class CorsRules {
  private cached: { at: number; rules: CorsRule[] } | undefined;
  private generation = 0;

  constructor(@InjectRepository(CorsEntity) private readonly rows: Repository<CorsEntity>) {}

  async enabled(): Promise<CorsRule[]> {
    if (this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.rules;
    const generation = this.generation;
    const rules = await this.rows.find({ where: { enabled: true }, order: { id: 'ASC' } });
    if (generation === this.generation) this.cached = { at: Date.now(), rules };
    return rules;
  }

  invalidate(): void {
    this.generation++;
    this.cached = undefined;
  }
}
