import SwaggerParser from '@apidevtools/swagger-parser';
import type { NestExpressApplication } from '@nestjs/platform-express';

export type Operation = {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; description: string; version: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
};

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document as [method, path, operation]. */
export function operations(document: OpenApiDocument): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([method]) => (METHODS as readonly string[]).includes(method)).map(([method, op]) => [method, path, op] as [string, string, Operation]));
}

/** Validates with swagger-parser; validate() dereferences its argument in place, so it gets a copy. */
export async function validateDocument(document: unknown): Promise<void> {
  await SwaggerParser.validate(structuredClone(document) as never);
}

/**
 * The routes Nest registered on Express, as `METHOD /path` with OpenAPI templates (`{id}`):
 * single-verb layers with a route (middleware layers answer every verb), without Swagger UI's own.
 */
export function registeredRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    const route = layer.route;
    if (!route) continue;
    const methods = Object.keys(route.methods).filter((m) => route.methods[m]);
    if (methods.length !== 1 || route.path.startsWith('/api/docs')) continue;
    routes.add(`${methods[0]!.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return [...routes].sort();
}
