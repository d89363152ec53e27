import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../auth/access/access.service';
import { RequestParams } from '../../common/http/params';
import type { Caller } from '../../common/http/request-context';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ConnectionManager, type DataService } from '../connection/connection-manager';
import {
  assertRoutinesSupported, callRoutine, describeRoutines, listRoutineNames, parseCallRequest, readRoutineCatalog,
  splitInlineCall, withQueryRunner, type RoutineCatalog, type RoutineKind,
} from '../routines';

const CATALOG_KEY = 'routines';
const RESOURCE: Record<RoutineKind, '_proc' | '_func'> = { procedure: '_proc', function: '_func' };

interface CachedCatalog {
  readonly at: number;
  readonly catalog: Promise<RoutineCatalog>;
}

/** `_proc` and `_func` of a data service (API.md 3.16), over the routines library. */
@Injectable()
export class RoutineService {
  constructor(
    private readonly connections: ConnectionManager,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Lists (or describes, `ids`) the routines the caller may use; hidden ones are as unknown ones (API.md 6.3). */
  async list(serviceName: string, kind: RoutineKind, query: Record<string, unknown>, caller: Caller): Promise<unknown> {
    const service = await this.connections.get(serviceName);
    assertRoutinesSupported(service.dialect.name, RESOURCE[kind], service.name);
    const params = new RequestParams(query);
    const full = await this.catalog(service, params.bool('refresh'));
    const visible = await this.access.visible(caller, service.name, full.routines.map((r) => `${RESOURCE[r.kind]}/${r.name}`));
    const catalog = { ...full, routines: full.routines.filter((_, i) => visible[i]) };
    const ids = params.list('ids');
    if (ids) return { resource: describeRoutines(catalog, kind, ids).map((d) => ({ ...d, access: 31 })) };
    const names = listRoutineNames(catalog, kind);
    if (params.bool('as_list')) return { resource: names };
    const fields = params.list('fields');
    if (fields?.includes('*')) return { resource: describeRoutines(catalog, kind, names).map((d) => ({ ...d, access: ['GET', 'POST'] })) };
    return { resource: names.map((name) => ({ name })) };
  }

  async call(serviceName: string, kind: RoutineKind, segment: string, query: Record<string, unknown>, body: unknown): Promise<unknown> {
    const service = await this.connections.get(serviceName);
    assertRoutinesSupported(service.dialect.name, RESOURCE[kind], service.name);
    const { name, values } = splitInlineCall(segment);
    const catalog = await this.catalog(service, false);
    const request = parseCallRequest({ body: body === '' ? undefined : body, query, inline: values });
    return withQueryRunner(service.dataSource, (run) =>
      callRoutine(catalog, kind, name, request, { dialect: service.dialect, run, service: service.name, timeoutMs: this.config.dbStatementTimeoutMs }),
    );
  }

  /** The routine catalog, cached with the schema's TTL; a failed re-read keeps the old one. Also read by the OpenAPI documents. */
  async catalog(service: DataService, refresh: boolean): Promise<RoutineCatalog> {
    const cached = service.state.get(CATALOG_KEY) as CachedCatalog | undefined;
    const fresh = cached && !refresh && Date.now() - cached.at < this.config.schemaCacheTtlSeconds * 1000;
    if (fresh) return cached.catalog;
    const loading = readRoutineCatalog(service.dialect, (text, params) => service.dataSource.query(text, params), { schema: service.settings.schema });
    service.state.set(CATALOG_KEY, { at: Date.now(), catalog: loading });
    try {
      return await loading;
    } catch (error) {
      if (cached) {
        service.state.set(CATALOG_KEY, cached);
        return cached.catalog;
      }
      service.state.delete(CATALOG_KEY);
      throw error;
    }
  }
}
