import type { EngineName } from '../helpers/test-databases';

/**
 * The example database of API.md (contact, contact_info, contact_group, contact_group_relationship,
 * orders) plus the shapes introspection must handle: a table with every type, a view, a table
 * without a primary key, a composite key and a two-column foreign key.
 */
const POSTGRES = `
CREATE TABLE contact (
  id serial PRIMARY KEY, first_name varchar(64) NOT NULL, last_name varchar(64), email varchar(255) UNIQUE,
  age integer, active boolean NOT NULL DEFAULT true, owner_id integer, created_at timestamp DEFAULT CURRENT_TIMESTAMP, notes text);
CREATE TABLE contact_info (
  id serial PRIMARY KEY, contact_id integer NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  info_type varchar(32) DEFAULT 'home', phone varchar(32));
CREATE TABLE contact_group (id serial PRIMARY KEY, name varchar(128) NOT NULL UNIQUE);
CREATE TABLE contact_group_relationship (
  id serial PRIMARY KEY, contact_id integer NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  contact_group_id integer NOT NULL REFERENCES contact_group (id) ON DELETE CASCADE);
CREATE TABLE orders (
  id serial PRIMARY KEY, contact_id integer REFERENCES contact (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  status varchar(16) NOT NULL DEFAULT 'new', total numeric(10,2), created_at timestamp DEFAULT now());
CREATE TABLE order_line (order_id integer NOT NULL REFERENCES orders (id), line_no integer NOT NULL, qty integer DEFAULT 1,
  PRIMARY KEY (order_id, line_no));
CREATE TABLE shipment (id bigserial PRIMARY KEY, order_id integer, line_no integer,
  CONSTRAINT shipment_line_fk FOREIGN KEY (order_id, line_no) REFERENCES order_line (order_id, line_no) ON DELETE CASCADE ON UPDATE SET NULL);
CREATE TABLE log_entry (message text, level smallint DEFAULT -1);
CREATE TABLE all_types (
  id bigserial PRIMARY KEY, i_int integer, i_small smallint, i_big bigint, b boolean, f real, d double precision,
  n numeric(12,4), m money, s varchar(20), c char(5), t text, dt date, tm time, tmtz timetz, ts timestamp,
  ts3 timestamp(3), tstz timestamptz, j json, jb jsonb, bin bytea, u uuid, arr integer[]);
CREATE VIEW active_contact AS SELECT id, first_name, email FROM contact WHERE active;
`;

const MYSQL = `
CREATE TABLE contact (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY, first_name varchar(64) NOT NULL, last_name varchar(64), email varchar(255),
  age int, active tinyint(1) NOT NULL DEFAULT 1, owner_id int, created_at timestamp NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, notes text,
  CONSTRAINT contact_email_key UNIQUE (email)) ENGINE=InnoDB;
CREATE TABLE contact_info (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY, contact_id int NOT NULL, info_type varchar(32) DEFAULT 'home', phone varchar(32),
  CONSTRAINT contact_info_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE) ENGINE=InnoDB;
CREATE TABLE contact_group (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(128) NOT NULL UNIQUE) ENGINE=InnoDB;
CREATE TABLE contact_group_relationship (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY, contact_id int NOT NULL, contact_group_id int NOT NULL,
  FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE,
  FOREIGN KEY (contact_group_id) REFERENCES contact_group (id) ON DELETE CASCADE) ENGINE=InnoDB;
CREATE TABLE orders (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY, contact_id int, status varchar(16) NOT NULL DEFAULT 'new', total decimal(10,2),
  created_at datetime DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT orders_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE RESTRICT ON UPDATE CASCADE) ENGINE=InnoDB;
CREATE TABLE order_line (order_id int NOT NULL, line_no int NOT NULL, qty int DEFAULT 1, PRIMARY KEY (order_id, line_no),
  FOREIGN KEY (order_id) REFERENCES orders (id)) ENGINE=InnoDB;
CREATE TABLE shipment (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, order_id int, line_no int,
  CONSTRAINT shipment_line_fk FOREIGN KEY (order_id, line_no) REFERENCES order_line (order_id, line_no) ON DELETE CASCADE ON UPDATE SET NULL) ENGINE=InnoDB;
CREATE TABLE log_entry (message text, level smallint DEFAULT -1) ENGINE=InnoDB;
CREATE TABLE all_types (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, i_int int, i_small smallint, i_big bigint, b tinyint(1), f float, d double,
  n decimal(12,4), s varchar(20), c char(5), t text, dt date, tm time, tm6 time(6), ts timestamp NULL, dtm datetime,
  dtm6 datetime(6), j json, bin varbinary(64), blb blob, u char(36), bt bit(1), e enum('a','b')) ENGINE=InnoDB;
CREATE VIEW active_contact AS SELECT id, first_name, email FROM contact WHERE active;
`;

const SQLITE = `
CREATE TABLE contact (
  id INTEGER PRIMARY KEY AUTOINCREMENT, first_name VARCHAR(64) NOT NULL, last_name VARCHAR(64), email VARCHAR(255) UNIQUE,
  age INTEGER, active BOOLEAN NOT NULL DEFAULT 1, owner_id INTEGER, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, notes TEXT);
CREATE TABLE contact_info (
  id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  info_type VARCHAR(32) DEFAULT 'home', phone VARCHAR(32));
CREATE TABLE contact_group (id INTEGER PRIMARY KEY, name VARCHAR(128) NOT NULL UNIQUE);
CREATE TABLE contact_group_relationship (
  id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  contact_group_id INTEGER NOT NULL REFERENCES contact_group (id) ON DELETE CASCADE);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY, contact_id INTEGER REFERENCES contact (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  status VARCHAR(16) NOT NULL DEFAULT 'new', total NUMERIC(10,2), created_at DATETIME DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE order_line (order_id INTEGER NOT NULL REFERENCES orders (id), line_no INTEGER NOT NULL, qty INTEGER DEFAULT 1,
  PRIMARY KEY (order_id, line_no));
CREATE TABLE shipment (id INTEGER PRIMARY KEY, order_id INTEGER, line_no INTEGER,
  FOREIGN KEY (order_id, line_no) REFERENCES order_line (order_id, line_no) ON DELETE CASCADE ON UPDATE SET NULL);
CREATE TABLE log_entry (message TEXT, level SMALLINT DEFAULT -1);
CREATE TABLE all_types (
  id INTEGER PRIMARY KEY, i_int INTEGER, i_small SMALLINT, i_big BIGINT, b BOOLEAN, f REAL, d DOUBLE, n NUMERIC(12,4),
  s VARCHAR(20), c CHAR(5), t TEXT, dt DATE, tm TIME, ts TIMESTAMP, dtm DATETIME, j JSON, bin BLOB, u CHAR(36));
CREATE VIEW active_contact AS SELECT id, first_name, email FROM contact WHERE active;
`;

export const FIXTURE_SQL: Readonly<Record<EngineName, string>> = { postgres: POSTGRES, mysql: MYSQL, sqlite: SQLITE };

/** A string that exercises JSON escaping: quotes, backslash, control characters, non-ASCII, emoji. */
export const TRICKY_TEXT = 'a"b\\c\nd\te\u0001é😀/';

/** Two rows of all_types: every column set with values that are easy to print wrong, then all NULL. */
export const ALL_TYPES_ROWS: Readonly<Record<EngineName, string>> = {
  postgres: `
INSERT INTO all_types (i_int, i_small, i_big, b, f, d, n, m, s, c, t, dt, tm, tmtz, ts, ts3, tstz, j, jb, bin, u, arr) VALUES
 (-2147483648, 32767, 9007199254740993, true, 1.1, 1e-7, 12.5, 12.5, $q$a"b\\c$q$, 'ab', E'line1\\nline2\\t\\u0001é😀/',
  '2024-02-29', '10:15:00.5', '10:15:00+05:30', '2024-01-02 10:15:00.120000', '2024-01-02 10:15:00', '2024-01-02 10:15:00+02',
  '{"a": [1, "x"]}', '{"b": 2, "a": 1}', '\\x00ff10', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{1,2}');
INSERT INTO all_types (i_int) VALUES (NULL);
INSERT INTO all_types (f, d, n) VALUES ('NaN', 'Infinity', -0.0001);`,
  mysql: `
INSERT INTO all_types (i_int, i_small, i_big, b, f, d, n, s, c, t, dt, tm, tm6, ts, dtm, dtm6, j, bin, blb, u, bt, e) VALUES
 (-2147483648, 32767, 9007199254740993, 1, 1.1, 1e-7, 12.5, 'a"b\\\\c', 'ab', 'line1\\nline2\\t\\Zé😀/',
  '2024-02-29', '10:15:00', '10:15:00.5', '2024-01-02 10:15:00', '2024-01-02 10:15:00', '2024-01-02 10:15:00.120000',
  '{"a": [1, "x"]}', x'00ff10', x'0102', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', b'1', 'b');
INSERT INTO all_types (i_int) VALUES (NULL);
INSERT INTO all_types (f, d, n, bt) VALUES (3.4e38, 1e100, -0.0001, b'0');`,
  sqlite: `
INSERT INTO all_types (i_int, i_small, i_big, b, f, d, n, s, c, t, dt, tm, ts, dtm, j, bin, u) VALUES
 (-2147483648, 32767, 9007199254740993, 1, 1.1, 1e-7, 12.5, 'a"b\\c', 'ab', 'line1' || char(10) || 'line2' || char(9) || char(1) || 'é😀/',
  '2024-02-29', '10:15:00.5', '2024-01-02 10:15:00.12', '2024-01-02 10:15:00', '{"a": [1, "x"]}', x'00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
INSERT INTO all_types (i_int) VALUES (NULL);
INSERT INTO all_types (f, d, n) VALUES (1.0, 1e100, -0.0001);`,
};
