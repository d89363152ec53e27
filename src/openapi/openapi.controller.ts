import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../common/errors';
import { attachmentName } from '../common/http/formats';
import { RequestParams } from '../common/http/params';
import type { AppRequest } from '../common/http/request-context';
import { ApiErrors } from './api-errors.decorator';
import { OpenApiService } from './openapi.service';

const DOCUMENT_SCHEMA = {
  type: 'object' as const,
  required: ['openapi', 'info', 'paths'],
  properties: { openapi: { type: 'string', example: '3.0.3' }, info: { type: 'object' }, paths: { type: 'object' }, components: { type: 'object' } },
};
const DOCUMENT = { description: 'An OpenAPI 3.0.3 document', schema: DOCUMENT_SCHEMA };

/** JSON only (API.md 7.1): an Accept that rules it out is answered 400 REQUEST_NOT_ACCEPTABLE. */
function acceptsJson(req: Request): boolean {
  const file = typeof req.query.file === 'string' ? req.query.file : '';
  if (/\.(xml|csv|ya?ml)$/i.test(file)) return false;
  const accept = typeof req.query.accept === 'string' ? req.query.accept : req.headers.accept;
  if (!accept || accept.trim() === '') return true;
  return accept.split(',').some((item) => /^(\*\/\*|application\/\*|application\/json|[^;]*\+json)$/i.test(item.split(';')[0]!.trim()));
}

function send(req: Request, res: Response, body: object | string): void {
  if (!acceptsJson(req)) throw new AppError('REQUEST_NOT_ACCEPTABLE', 'Content in response can not be resolved to acceptable content type.');
  const file = attachmentName(req, 'json');
  if (file) res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
  res.status(200).type('application/json; charset=utf-8').send(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * `GET /api_docs`, `GET /api_docs/{service}` and `GET /{service}/_spec` (API.md 7.1): generated
 * documents, limited to what the caller may use; credentials required.
 */
@ApiTags('api_docs')
@Controller()
export class OpenApiController {
  constructor(private readonly docs: OpenApiService) {}

  @Get('api_docs')
  @ApiOperation({ summary: 'One document for every service the caller may access', operationId: 'getApiDocs' })
  @ApiQuery({ name: 'as_list', required: false, type: Boolean, description: 'Only the service names: {"resource":["db",…]}' })
  @ApiQuery({ name: 'file', required: false, type: String, description: 'Download as a file (true, or a name ending in .json)' })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'The combined document, or with as_list the names', schema: { oneOf: [DOCUMENT_SCHEMA, { type: 'object', properties: { resource: { type: 'array', items: { type: 'string' } } } }] } })
  @ApiErrors(400, 401, 403)
  async combined(@Req() req: AppRequest, @Res() res: Response) {
    const params = new RequestParams(req.query as Record<string, unknown>);
    send(req, res, params.bool('as_list') ? { resource: await this.docs.list(req.caller) } : await this.docs.combined(req.caller));
  }

  @Get('api_docs/:service')
  @ApiOperation({ summary: "A service's document, typed from its live schema", operationId: 'getServiceApiDocs' })
  @ApiParam({ name: 'service' })
  @ApiQuery({ name: 'refresh', required: false, type: Boolean, description: 'Re-read the schema first' })
  @ApiQuery({ name: 'file', required: false, type: String, description: 'Download as a file (true, or a name ending in .json)' })
  @ApiProduces('application/json')
  @ApiOkResponse(DOCUMENT)
  @ApiErrors(400, 401, 403, 404, 503)
  async service(@Param('service') service: string, @Req() req: AppRequest, @Res() res: Response) {
    await this.serve(service, req, res);
  }

  @Get(':service/_spec')
  @ApiOperation({ summary: 'The same document as api_docs/{service}', operationId: 'getServiceSpec' })
  @ApiParam({ name: 'service' })
  @ApiQuery({ name: 'refresh', required: false, type: Boolean, description: 'Re-read the schema first' })
  @ApiQuery({ name: 'file', required: false, type: String, description: 'Download as a file (true, or a name ending in .json)' })
  @ApiProduces('application/json')
  @ApiOkResponse(DOCUMENT)
  @ApiErrors(400, 401, 403, 404, 503)
  async spec(@Param('service') service: string, @Req() req: AppRequest, @Res() res: Response) {
    await this.serve(service, req, res);
  }

  private async serve(service: string, req: AppRequest, res: Response): Promise<void> {
    const params = new RequestParams(req.query as Record<string, unknown>);
    // `api_docs/_spec` is the api_docs service's own document (no service name starts with '_').
    const name = service === '_spec' ? 'api_docs' : service;
    send(req, res, await this.docs.document(req.caller, name, params.bool('refresh')));
  }
}
