import { TokenRevocationEntity } from './token-revocation.entity';

export const AuthEntities = [TokenRevocationEntity];
