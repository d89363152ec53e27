import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The fixed document: `setupSwagger` gives the store how to build it (it needs the whole
 * application), and it is built on first use, by `/api/docs` or `api_docs/{system,user,api_docs}`.
 * Until then the server does not hold it (about a megabyte of heap).
 */
@Injectable()
export class FixedDocumentStore {
  private build: (() => OpenAPIObject) | undefined;
  private built: OpenAPIObject | undefined;

  setBuilder(build: () => OpenAPIObject): void {
    this.build = build;
    this.built = undefined;
  }

  get document(): OpenAPIObject | undefined {
    if (!this.built && this.build) this.built = this.build();
    return this.built;
  }
}
