import { Injectable } from '@nestjs/common';
import { ServiceConfigCodec } from '../system/service/service-config';
import { ServiceRegistry } from '../system/service/service-registry.service';

/** The registration settings held in the config of the built-in `user` service (API.md 5.3). */
export interface RegistrationSettings {
  readonly allowOpenRegistration: boolean;
  readonly openRegRoleId: number | null;
  readonly requireConfirmation: boolean;
}

@Injectable()
export class UserServiceSettings {
  constructor(
    private readonly registry: ServiceRegistry,
    private readonly codec: ServiceConfigCodec,
  ) {}

  async registration(): Promise<RegistrationSettings> {
    const service = [...(await this.registry.all()).values()].find((s) => s.type === 'user');
    const config = service ? this.codec.decode(service.config) : {};
    return {
      allowOpenRegistration: config.allow_open_registration === true,
      openRegRoleId: typeof config.open_reg_role_id === 'number' ? config.open_reg_role_id : null,
      requireConfirmation: config.open_reg_require_confirmation === true,
    };
  }
}
