import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id password hashes; a dummy hash keeps timing comparable for unknown accounts. */
@Injectable()
export class PasswordService {
  private dummy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    if (!hash) {
      this.dummy ??= this.hash('dummy-password-for-timing');
      await argon2.verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
