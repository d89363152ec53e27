import { AuthEntities } from '../auth/session/entities';
import { AppEntity } from '../system/app/app.entity';
import { CorsEntity } from '../system/cors/cors.entity';
import { LookupEntity } from '../system/lookup/lookup.entity';
import { RoleEntity, RoleServiceAccessEntity } from '../system/role/role.entity';
import { ChangeCounterEntity, SchemaExtraEntity } from '../system/schema-extras/schema-extras.entity';
import { ServiceDocEntity, ServiceEntity } from '../system/service/service.entity';
import { UserAppRoleEntity, UserEntity } from '../system/user/user.entity';

/** Every entity of the system database. */
export const SYSTEM_ENTITIES = [
  ServiceEntity, ServiceDocEntity, RoleEntity, RoleServiceAccessEntity, AppEntity, UserEntity, UserAppRoleEntity,
  LookupEntity, CorsEntity, SchemaExtraEntity, ChangeCounterEntity, ...AuthEntities,
];
