import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError, isAppError } from '../common/errors';
import { isAdmin, type Caller } from '../common/http/request-context';
import { DataPlane } from '../database/data-plane.service';
import { RoutineService } from '../database/procedure/routine.service';
import type { Relationship } from '../database/relationships/discover';
import { RelationshipService } from '../database/relationships/relationship.service';
import type { Routine } from '../database/routines/routine.types';
import { withEffectiveTypes, type ServiceExtras } from '../database/schema/extras/extras.model';
import { SchemaExtrasService } from '../database/schema/extras/schema-extras.service';
import type { TableSchema } from '../database/schema-cache/schema.types';
import { ServiceRegistry } from '../system/service/service-registry.service';
import { ServiceDocEntity, type ServiceEntity } from '../system/service/service.entity';
import { isDatabaseType } from '../system/service-type/service-types';
import { SERVER_VERSION } from '../version';
import { DocsAccess, type DocsGrant } from './docs-access';
import { builtInDocument, combineDocuments, type FixedDocument } from './document-merge';
import { FixedDocumentStore } from './fixed-document.store';
import type { Document } from './openapi.types';
import { buildServiceDocument } from './service-document';

const STATE_KEY = 'openapi';
/** Documents kept per schema snapshot; a role whose rows changed leaves its old one behind. */
const MAX_KEPT = 64;

/** Documents of one data service, valid while its schema snapshot, extras and routine catalog are the same objects. */
interface Generated {
  readonly tables: readonly TableSchema[];
  readonly extras: ServiceExtras;
  readonly relationships: ReadonlyMap<string, readonly Relationship[]>;
  readonly routines: readonly Routine[] | undefined;
  readonly meta: string;
  readonly byGrant: Map<string, Document>;
}

/**
 * The per-service and combined documents (API.md 7.1, 7.3). Database services are generated from
 * the live schema cache, the stored extras (remembered types, labels, virtual relationships) and
 * the routine catalog; a document is rebuilt whenever one of them is re-read (TTL, refresh, DDL or
 * extras written through the schema API), and kept per grant until then.
 */
@Injectable()
export class OpenApiService {
  private readonly logger = new Logger(OpenApiService.name);

  constructor(
    private readonly registry: ServiceRegistry,
    private readonly plane: DataPlane,
    private readonly routines: RoutineService,
    private readonly extras: SchemaExtrasService,
    private readonly relationships: RelationshipService,
    private readonly fixed: FixedDocumentStore,
    private readonly access: DocsAccess,
    @InjectRepository(ServiceDocEntity) private readonly customDocs: Repository<ServiceDocEntity>,
  ) {}

  /** Names of the active services whose documents the caller may read, sorted. */
  async list(caller: Caller): Promise<string[]> {
    return (await this.granted(caller)).map(({ service }) => service.name);
  }

  /**
   * `api_docs/{svc}` and `{svc}/_spec`: the service's document, or its custom document as stored
   * (JSON text). Unknown: 404 for admins, the denial for others, who cannot tell it from forbidden.
   */
  async document(caller: Caller, name: string, refresh: boolean): Promise<Document | string> {
    const service = await this.registry.findByName(name);
    const grant = service ? await this.access.forService(caller, service) : undefined;
    if (!service && isAdmin(caller)) throw new AppError('SERVICE_NOT_FOUND', `Could not find a service for ${name.slice(0, 64)}`);
    if (!service || !grant) throw new AppError('ACCESS_DENIED', `You do not have access to API Docs for the requested service ${name.slice(0, 64)}.`);
    if (!service.isActive) throw new AppError('SERVICE_INACTIVE', `Service ${service.name} is deactivated.`);
    const custom = await this.customDocs.findOne({ where: { serviceId: service.id } });
    if (custom) return custom.content;
    return this.generate(service, grant, refresh);
  }

  /** `api_docs`: every service the caller may read in one document; unreachable databases are left out. */
  async combined(caller: Caller): Promise<Document> {
    const documents: { name: string; document: Document }[] = [];
    for (const { service, grant } of await this.granted(caller)) {
      try {
        documents.push({ name: service.name, document: await this.generate(service, grant, false) });
      } catch (error) {
        if (!isAppError(error) || error.status < 500) throw error;
        this.logger.warn(`Service '${service.name}' left out of the combined document (${error.reason}).`);
      }
    }
    return combineDocuments(documents, SERVER_VERSION);
  }

  private async granted(caller: Caller): Promise<{ service: ServiceEntity; grant: DocsGrant }[]> {
    const services = [...(await this.registry.all()).values()].filter((s) => s.isActive).sort((a, b) => (a.name < b.name ? -1 : 1));
    const out: { service: ServiceEntity; grant: DocsGrant }[] = [];
    for (const service of services) {
      const grant = await this.access.forService(caller, service);
      if (grant) out.push({ service, grant });
    }
    return out;
  }

  private async generate(service: ServiceEntity, grant: DocsGrant, refresh: boolean): Promise<Document> {
    const info = { name: service.name, label: service.label, description: service.description };
    if (!isDatabaseType(service.type)) return builtInDocument(this.fixedDocument(), info, SERVER_VERSION);
    const context = await this.plane.context(service.name);
    const tables = refresh ? await context.schema.refresh() : await context.schema.tables();
    const routines = context.service.dialect.name === 'sqlite' ? undefined : (await this.routines.catalog(context.service, refresh)).routines;
    const extras = await this.extras.forService(service.id);
    const relationships = await this.relationships.forService(context);
    const meta = JSON.stringify(info);
    let generated = context.service.state.get(STATE_KEY) as Generated | undefined;
    const same = generated && generated.tables === tables && generated.extras === extras && generated.relationships === relationships
      && generated.routines === routines && generated.meta === meta;
    if (!generated || !same) {
      generated = { tables, extras, relationships, routines, meta, byGrant: new Map() };
      context.service.state.set(STATE_KEY, generated);
    }
    let document = generated.byGrant.get(grant.key);
    if (!document) {
      const typed = tables.map((t) => withEffectiveTypes(t, extras.fields.get(t.name)));
      document = buildServiceDocument({ ...info, version: SERVER_VERSION, tables: typed, relationships, routines, labels: extras }, grant.allows);
      if (generated.byGrant.size >= MAX_KEPT) generated.byGrant.clear();
      generated.byGrant.set(grant.key, document);
    }
    return document;
  }

  private fixedDocument(): FixedDocument {
    if (!this.fixed.document) throw new AppError('INTERNAL', 'The API document is not built yet.');
    return this.fixed.document as unknown as FixedDocument;
  }
}
