export * from './coerce';
export * from './type-families';
