import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PasswordRequestDto {
  @ApiPropertyOptional({ description: 'Branch 1 (change): the current password', format: 'password' }) old_password?: string;
  @ApiPropertyOptional({ description: 'Branches 1 and 3: the new password', format: 'password' }) new_password?: string;
  @ApiPropertyOptional({ description: 'Branches 2 (reset request) and 3 (completion)' }) email?: string;
  @ApiPropertyOptional({ description: 'Branch 3: the code from the e-mail', example: '7K2Q9X4M1B8C3V6N5Z0L2P7R4T9W1Y3D' }) code?: string;
}

export class PasswordResultDto {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiPropertyOptional({ description: 'With login=true' }) session_token?: string;
}

export class RegisterDto {
  @ApiProperty({ example: 'bob@example.com' }) email!: string;
  @ApiPropertyOptional({ format: 'password' }) password?: string;
  @ApiPropertyOptional({ format: 'password' }) password_confirmation?: string;
  @ApiPropertyOptional() first_name?: string;
  @ApiPropertyOptional() last_name?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() username?: string;
  @ApiPropertyOptional() phone?: string;
}

export class RegisterResultDto {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiPropertyOptional() confirmation_required?: boolean;
  @ApiPropertyOptional({ description: 'With login=true and no confirmation required' }) session_token?: string;
}

export class ProfileDto {
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) first_name!: string | null;
  @ApiProperty({ nullable: true, type: String }) last_name!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
}

export class ProfileUpdateDto {
  @ApiPropertyOptional() first_name?: string;
  @ApiPropertyOptional() last_name?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() username?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional({ description: 'Needs current_password; revokes every token and returns a new one' }) email?: string;
  @ApiPropertyOptional({ format: 'password' }) current_password?: string;
}

export class ProfileResultDto {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiPropertyOptional({ description: 'After an e-mail change' }) session_token?: string;
}
