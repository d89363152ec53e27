import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppEntity } from './app.entity';

const TTL_MS = 1000;

/** Apps by API key, cached briefly and invalidated on change in this process. */
@Injectable()
export class AppDirectory {
  private readonly byKey = new Map<string, { at: number; app: AppEntity | null }>();

  constructor(@InjectRepository(AppEntity) private readonly apps: Repository<AppEntity>) {}

  async findByApiKey(apiKey: string): Promise<AppEntity | null> {
    const cached = this.byKey.get(apiKey);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.app;
    const app = apiKey.length > 128 ? null : await this.apps.findOne({ where: { apiKey } });
    if (this.byKey.size > 10_000) this.byKey.clear();
    this.byKey.set(apiKey, { at: Date.now(), app });
    return app;
  }

  invalidate(): void {
    this.byKey.clear();
  }
}
