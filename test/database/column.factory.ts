import { plainColumn } from '../../src/database/schema-cache/schema.types';

/** A nullable, non-key column; override what the test is about. */
export const makeColumn = plainColumn;
