export * from './schema-cache';
export * from './schema.types';
