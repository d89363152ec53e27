/** Service types and their config schemas (API.md 4.3). */
export interface ConfigField {
  name: string;
  label: string;
  type: 'string' | 'text' | 'integer' | 'password' | 'boolean' | 'picklist' | 'object' | 'array';
  required: boolean;
  allow_null: boolean;
  default: unknown;
  description: string | null;
  values?: { label: string; name: unknown }[];
}

export interface ServiceType {
  name: string;
  label: string;
  description: string;
  group: string;
  singleton: boolean;
  config_schema: ConfigField[];
}

export const DATABASE_TYPES = ['sqlite', 'pgsql', 'mysql'] as const;
export type DatabaseServiceType = (typeof DATABASE_TYPES)[number];

export function isDatabaseType(type: string): type is DatabaseServiceType {
  return (DATABASE_TYPES as readonly string[]).includes(type);
}

const field = (name: string, label: string, type: ConfigField['type'], required: boolean, defaultValue: unknown, description: string | null = null): ConfigField => ({
  name, label, type, required, allow_null: !required, default: defaultValue, description,
});

const commonTail: ConfigField[] = [
  field('max_records', 'Maximum records', 'integer', false, 1000),
  field('allow_upsert', 'Allow upsert', 'boolean', false, false),
  field('cache_enabled', 'Cache enabled', 'boolean', false, false),
  field('cache_ttl', 'Cache TTL (seconds)', 'integer', false, 300),
];

const ssl: ConfigField = {
  ...field('ssl', 'SSL', 'picklist', false, false),
  values: [{ label: 'Off', name: false }, { label: 'On', name: true }, { label: 'On, no verification', name: 'no-verify' }],
};

function serverFields(port: number): ConfigField[] {
  return [
    field('host', 'Host', 'string', true, null, 'Server host name or address'),
    field('port', 'Port', 'integer', false, port),
    field('database', 'Database', 'string', true, null),
    field('username', 'Username', 'string', false, null),
    field('password', 'Password', 'password', false, null),
  ];
}

export const SERVICE_TYPES: readonly ServiceType[] = [
  { name: 'mysql', label: 'MySQL / MariaDB', description: 'MySQL and MariaDB databases', group: 'Database', singleton: false, config_schema: [...serverFields(3306), ssl, ...commonTail] },
  { name: 'pgsql', label: 'PostgreSQL', description: 'PostgreSQL databases', group: 'Database', singleton: false,
    config_schema: [...serverFields(5432), field('schema', 'Schema', 'string', false, 'public'), ssl, ...commonTail] },
  { name: 'sqlite', label: 'SQLite', description: 'SQLite database files', group: 'Database', singleton: false,
    config_schema: [field('database', 'Database', 'string', true, null, 'File name inside the storage directory, or :memory:'), ...commonTail] },
  { name: 'swagger', label: 'API Docs', description: 'API documentation', group: 'API Doc', singleton: true, config_schema: [] },
  { name: 'system', label: 'System Management', description: 'System management', group: 'System', singleton: true, config_schema: [] },
  { name: 'user', label: 'User Management', description: 'User session, registration, password and profile', group: 'User', singleton: true,
    config_schema: [
      field('allow_open_registration', 'Allow open registration', 'boolean', false, false),
      field('open_reg_role_id', 'Open registration role', 'integer', false, null),
      field('open_reg_require_confirmation', 'Require e-mail confirmation', 'boolean', false, false),
    ] },
];

export const BUILT_IN_SERVICES = ['system', 'api_docs', 'user'] as const;
