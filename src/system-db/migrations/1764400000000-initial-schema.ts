import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

type Kind = 'pk' | 'int' | 'bigint' | 'bool' | 'text' | 'datetime' | `varchar(${number})`;

/** The system database model of API.md (services, roles, apps, users, lookups, CORS, tokens, schema extras). */
export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = columnFactory(runner);
    const audit = [c('created_date', 'datetime'), c('last_modified_date', 'datetime'), c('created_by_id', 'int', true), c('last_modified_by_id', 'int', true)];

    await runner.createTable(new Table({
      name: 'service',
      columns: [c('id', 'pk'), c('name', 'varchar(40)'), c('label', 'varchar(80)'), c('description', 'varchar(255)', true),
        c('is_active', 'bool', false, true), c('type', 'varchar(40)'), c('mutable', 'bool', false, true), c('deletable', 'bool', false, true),
        c('config', 'text', true), ...audit],
      indices: [{ name: 'uq_service_name', columnNames: ['name'], isUnique: true }],
    }));
    await runner.createTable(new Table({
      name: 'service_doc',
      columns: [c('id', 'pk'), c('service_id', 'int'), c('format', 'int', false, 0), c('content', 'text')],
      indices: [{ name: 'uq_service_doc_service', columnNames: ['service_id'], isUnique: true }],
      foreignKeys: [fk('service_id', 'service', 'CASCADE')],
    }));
    await runner.createTable(new Table({
      name: 'role',
      columns: [c('id', 'pk'), c('name', 'varchar(64)'), c('description', 'varchar(255)', true), c('is_active', 'bool', false, true), ...audit],
      indices: [{ name: 'uq_role_name', columnNames: ['name'], isUnique: true }],
    }));
    await runner.createTable(new Table({
      name: 'role_service_access',
      columns: [c('id', 'pk'), c('role_id', 'int'), c('service_id', 'int', true), c('component', 'varchar(255)', true),
        c('verb_mask', 'int', false, 0), c('requestor_mask', 'int', false, 1), c('filters', 'text', true), c('filter_op', 'varchar(3)', false, 'AND'), ...audit],
      indices: [{ name: 'ix_rsa_role', columnNames: ['role_id'] }],
      foreignKeys: [fk('role_id', 'role', 'CASCADE'), fk('service_id', 'service', 'CASCADE')],
    }));
    await runner.createTable(new Table({
      name: 'app',
      columns: [c('id', 'pk'), c('name', 'varchar(64)'), c('api_key', 'varchar(128)'), c('description', 'varchar(255)', true),
        c('is_active', 'bool', false, true), c('type', 'int', false, 0), c('url', 'varchar(1024)', true), c('path', 'varchar(1024)', true),
        c('role_id', 'int', true), c('requires_fullscreen', 'bool', false, false), c('allow_fullscreen_toggle', 'bool', false, true),
        c('toggle_location', 'varchar(64)', false, 'top'), ...audit],
      indices: [{ name: 'uq_app_name', columnNames: ['name'], isUnique: true }, { name: 'uq_app_api_key', columnNames: ['api_key'], isUnique: true }],
      foreignKeys: [fk('role_id', 'role', 'SET NULL')],
    }));
    await runner.createTable(new Table({
      name: 'system_user',
      columns: [c('id', 'pk'), c('name', 'varchar(255)'), c('username', 'varchar(255)'), c('first_name', 'varchar(64)', true),
        c('last_name', 'varchar(64)', true), c('email', 'varchar(255)'), c('email_key', 'varchar(255)'), c('phone', 'varchar(32)', true),
        c('password_hash', 'varchar(255)', true), c('is_active', 'bool', false, true), c('is_sys_admin', 'bool', false, false),
        c('is_root_admin', 'bool', false, false), c('confirm_code_hash', 'varchar(255)', true), c('confirm_code_expires', 'bigint', true),
        c('confirm_attempts', 'int', false, 0), c('confirmed', 'bool', false, true), c('last_login_date', 'varchar(19)', true),
        c('tokens_valid_after', 'bigint', false, 0), ...audit],
      indices: [{ name: 'uq_user_email', columnNames: ['email_key'], isUnique: true }, { name: 'uq_user_username', columnNames: ['username'], isUnique: true }],
    }));
    await runner.createTable(new Table({
      name: 'user_app_role',
      columns: [c('id', 'pk'), c('user_id', 'int'), c('app_id', 'int'), c('role_id', 'int')],
      indices: [{ name: 'uq_user_app_role', columnNames: ['user_id', 'app_id'], isUnique: true }],
      foreignKeys: [fk('user_id', 'system_user', 'CASCADE'), fk('app_id', 'app', 'CASCADE'), fk('role_id', 'role', 'CASCADE')],
    }));
    await runner.createTable(new Table({
      name: 'lookup',
      columns: [c('id', 'pk'), c('name', 'varchar(64)'), c('value', 'text', true), c('private', 'bool', false, false),
        c('description', 'varchar(255)', true), c('role_id', 'int', true), c('app_id', 'int', true), c('user_id', 'int', true), ...audit],
      indices: [{ name: 'ix_lookup_name', columnNames: ['name'] }],
      foreignKeys: [fk('role_id', 'role', 'CASCADE'), fk('app_id', 'app', 'CASCADE'), fk('user_id', 'system_user', 'CASCADE')],
    }));
    await runner.createTable(new Table({
      name: 'cors_config',
      columns: [c('id', 'pk'), c('path', 'varchar(255)'), c('description', 'varchar(255)', true), c('origin', 'text'), c('header', 'text', true),
        c('exposed_header', 'text', true), c('method', 'int', false, 0), c('max_age', 'int', false, 0),
        c('supports_credentials', 'bool', false, false), c('enabled', 'bool', false, true), ...audit],
      indices: [{ name: 'uq_cors_path', columnNames: ['path'], isUnique: true }],
    }));
    await runner.createTable(new Table({
      name: 'token_revocation',
      columns: [c('id', 'pk'), c('jti', 'varchar(64)'), c('user_id', 'int'), c('expires_at', 'bigint')],
      indices: [{ name: 'uq_token_revocation_jti', columnNames: ['jti'], isUnique: true }, { name: 'ix_token_revocation_expires', columnNames: ['expires_at'] }],
    }));
    await runner.createTable(new Table({
      name: 'schema_extra',
      columns: [c('id', 'pk'), c('service_id', 'int'), c('kind', 'varchar(16)'), c('table_name', 'varchar(128)'),
        c('item_name', 'varchar(128)', false, ''), c('settings', 'text')],
      indices: [{ name: 'uq_schema_extra', columnNames: ['service_id', 'kind', 'table_name', 'item_name'], isUnique: true }],
      foreignKeys: [fk('service_id', 'service', 'CASCADE')],
    }));
    await runner.createTable(new Table({
      name: 'change_counter',
      columns: [{ name: 'name', type: 'varchar', length: '64', isPrimary: true }, c('version', 'bigint', false, 0)],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['change_counter', 'schema_extra', 'token_revocation', 'cors_config', 'lookup', 'user_app_role',
      'system_user', 'app', 'role_service_access', 'role', 'service_doc', 'service']) {
      await runner.dropTable(table, true);
    }
  }
}

function fk(column: string, table: string, onDelete: 'CASCADE' | 'SET NULL'): TableForeignKey {
  return new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });
}

/** Column options with the right type name per engine. */
function columnFactory(runner: QueryRunner) {
  const engine = runner.connection.options.type;
  const isPostgres = engine === 'postgres';
  const isMysql = engine === 'mysql' || engine === 'mariadb';
  return (name: string, kind: Kind, nullable = false, defaultValue?: string | number | boolean): TableColumnOptions => {
    if (kind === 'pk') return { name, type: isMysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const base = { name, isNullable: nullable };
    const withDefault = (type: string, literal?: string) => ({ ...base, type, ...(literal === undefined ? {} : { default: literal }) });
    switch (kind) {
      case 'int':
        return withDefault(isPostgres ? 'integer' : 'int', defaultValue === undefined ? undefined : String(defaultValue));
      case 'bigint':
        return withDefault('bigint', defaultValue === undefined ? undefined : String(defaultValue));
      case 'bool': {
        const literal = defaultValue === undefined ? undefined : isPostgres ? String(defaultValue) : defaultValue ? '1' : '0';
        return withDefault(isPostgres || !isMysql ? 'boolean' : 'tinyint', literal);
      }
      case 'text':
        return withDefault(isMysql ? 'mediumtext' : 'text');
      case 'datetime':
        // Audit timestamps: the database fills them on insert (TypeORM leaves create dates to the default).
        return {
          ...base,
          type: isPostgres ? 'timestamp' : 'datetime',
          precision: isMysql || isPostgres ? 3 : undefined,
          isNullable: true,
          default: isPostgres ? 'CURRENT_TIMESTAMP(3)' : isMysql ? 'CURRENT_TIMESTAMP(3)' : "(datetime('now'))",
        };
      default: {
        const length = /\((\d+)\)/.exec(kind)?.[1] ?? '255';
        return { ...base, type: 'varchar', length, ...(defaultValue === undefined ? {} : { default: `'${String(defaultValue)}'` }) };
      }
    }
  };
}
