export * from './coerce';
export * from './json-number';
export * from './json-text';
export * from './output';
export * from './type-families';
export * from './expression';
