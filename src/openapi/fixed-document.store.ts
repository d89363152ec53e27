import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The fixed document, set once at start-up by `setupSwagger` (it needs the whole application to
 * build); `api_docs/{system,user,api_docs}` serve parts of it.
 */
@Injectable()
export class FixedDocumentStore {
  document: OpenAPIObject | undefined;
}
