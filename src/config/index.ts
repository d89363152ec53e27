export * from './app-config';
export * from './database-url';
export * from './load-config';
export * from './config.module';
export * from './secrets';
