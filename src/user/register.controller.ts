import { All, Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators/public.decorator';
import { bodyObject, clientAddress } from '../auth/session/session.controller';
import { AppError } from '../common/errors';
import { RequestParams } from '../common/http/params';
import type { AppRequest } from '../common/http/request-context';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { RegistrationService } from './registration.service';
import { RegisterDto, RegisterResultDto } from './user-api.dto';

/** `POST /user/register[?login=true]` (API.md 5.3); only POST is accepted. */
@ApiTags('user')
@Controller('user/register')
@Public()
export class RegisterController {
  constructor(private readonly registrations: RegistrationService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Register a new user (open registration)', operationId: 'registerUser' })
  @ApiBody({ type: RegisterDto })
  @ApiQuery({ name: 'login', required: false, type: Boolean })
  @ApiOkResponse({ type: RegisterResultDto })
  @ApiErrors(400, 403, 429, 503)
  register(@Body() body: unknown, @Req() req: AppRequest) {
    return this.registrations.register(bodyObject(body), { login: new RequestParams(req.query as Record<string, unknown>).bool('login'), address: clientAddress(req) });
  }

  @All()
  @ApiExcludeEndpoint()
  other(@Req() req: AppRequest): never {
    throw new AppError('REQUEST_VERB_UNSUPPORTED', `${req.method} requests for resource 'register' are not currently supported by the 'user' service.`);
  }
}
