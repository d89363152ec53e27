import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LoginDto {
  @ApiProperty({ example: 'admin@localhost' }) email!: string;
  @ApiProperty({ format: 'password' }) password!: string;
  @ApiPropertyOptional({ description: 'Unlimited refresh window when ALLOW_FOREVER_SESSIONS is on' }) remember_me?: boolean;
}

export class SessionDto {
  @ApiProperty() session_token!: string;
  @ApiProperty({ description: 'Repeats session_token (DreamFactory 1.x clients)' }) session_id!: string;
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) first_name!: string | null;
  @ApiProperty({ nullable: true, type: String }) last_name!: string | null;
  @ApiProperty() email!: string;
  @ApiProperty() is_sys_admin!: boolean;
  @ApiProperty() is_root_admin!: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-29 09:30:00' }) last_login_date!: string | null;
  @ApiProperty({ example: '2026-11-30 09:30:00' }) token_expiry_date!: string;
  @ApiPropertyOptional() role?: string;
  @ApiPropertyOptional() role_id?: number;
}

export class SuccessDto {
  @ApiProperty({ example: true }) success!: boolean;
}
