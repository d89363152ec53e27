// DataSource of the system database for the TypeORM CLI (`npm run migration:run`).
// It reads the same validated configuration as the server.
import 'reflect-metadata';
import { loadConfig } from './src/config/load-config';
import { createSystemDataSource } from './src/system-db/system-data-source';

export default createSystemDataSource(loadConfig().systemDb);
