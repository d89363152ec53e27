import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ERROR_REASONS } from '../common/errors';

@ApiSchema({ name: 'ErrorBody' })
export class ErrorBodyDto {
  @ApiProperty({ description: 'HTTP status, or 1000 for batch errors', example: 404 }) code!: number;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'Field messages, batch details or request id' })
  context!: Record<string, unknown> | null;
  @ApiProperty({ example: 'Table "contcat" does not exist in the database.' }) message!: string;
  @ApiProperty({ example: 404 }) status_code!: number;
  @ApiProperty({ enum: ERROR_REASONS, example: 'TABLE_NOT_FOUND' }) reason!: string;
}

/**
 * The DreamFactory error envelope (API.md 2.8), named `Error` as in every document (7.2); the
 * fixed document replaces its schema with the shared one.
 */
@ApiSchema({ name: 'Error' })
export class ErrorEnvelopeDto {
  @ApiProperty({ type: ErrorBodyDto }) error!: ErrorBodyDto;
}
