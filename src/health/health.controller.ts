import { Controller, Get, Injectable, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/decorators/public.decorator';
import { ApiErrors } from '../openapi/api-errors.decorator';

/** Turns readiness off as soon as shutdown begins (API.md 1.1). */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  shuttingDown = false;

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly db: TypeOrmHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness', operationId: 'getHealth' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  @ApiErrors()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the system database answers', operationId: 'getReadiness' })
  @ApiOkResponse({ schema: { type: 'object', example: { status: 'ok', info: { system_db: { status: 'up' } } } } })
  @ApiServiceUnavailableResponse({ schema: { type: 'object', example: { status: 'error', error: { system_db: { status: 'down' } } } } })
  @ApiErrors()
  async ready(@Res({ passthrough: true }) res: Response) {
    const up = !this.shutdown.shuttingDown && (await this.db.pingCheck('system_db', { timeout: 2000 }).then(() => true, () => false));
    if (up) return { status: 'ok', info: { system_db: { status: 'up' } } };
    res.status(503).setHeader('Retry-After', '5');
    return { status: 'error', error: { system_db: { status: 'down' } } };
  }
}
