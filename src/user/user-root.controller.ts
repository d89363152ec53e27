import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators/public.decorator';
import { ApiErrors } from '../openapi/api-errors.decorator';

/** `GET /api/v2/user` (public): the user service's resources (API.md 5). */
@ApiTags('user')
@Controller('user')
export class UserRootController {
  @Get()
  @Public()
  @ApiOperation({ summary: 'The user service resources', operationId: 'getUserResources' })
  @ApiOkResponse({ schema: { type: 'object', properties: { resource: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } } })
  @ApiErrors(401)
  resources() {
    return { resource: [{ name: 'password' }, { name: 'profile' }, { name: 'register' }, { name: 'session' }] };
  }
}
