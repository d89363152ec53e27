import { invalid } from '../ddl/field-input';

/** The validation rules of API.md 3.14.2 and the options each accepts (besides `on_fail`). */
const RULES: Readonly<Record<string, readonly string[]>> = {
  api_read_only: [], create_only: [], not_null: [], not_empty: [], not_zero: [], email: [], boolean: [],
  url: ['sections'], int: ['range'], float: ['range'], match: ['regexp'], picklist: [], multi_picklist: ['delimiter', 'min', 'max'],
};

const MAX_REGEXP = 256;

function checkRule(rule: string, value: unknown, field: string): void {
  const options = RULES[rule];
  if (!options) throw invalid(field, `Unknown validation rule '${rule.slice(0, 64)}' on field '${field}'.`);
  if (value === true) {
    if (rule === 'match') throw invalid(field, `Validation rule 'match' of field '${field}' needs a 'regexp'.`);
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, `Validation rule '${rule}' of field '${field}' must be true or an object of options.`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, option] of entries) {
    if (key === 'on_fail') {
      if (typeof option !== 'string' || option.length > 1000) throw invalid(field, `Option 'on_fail' of rule '${rule}' on field '${field}' must be a text.`);
    } else if (!options.includes(key)) {
      throw invalid(field, `Unknown option '${key.slice(0, 64)}' of rule '${rule}' on field '${field}'.`);
    }
  }
  if (rule === 'match') {
    const regexp = (value as { regexp?: unknown }).regexp;
    const decoded = typeof regexp === 'string' ? Buffer.from(regexp, 'base64').toString('utf8') : '';
    if (decoded === '' || decoded.length > MAX_REGEXP) {
      throw invalid(field, `Option 'regexp' of rule 'match' on field '${field}' must be base64 of at most ${MAX_REGEXP} characters.`);
    }
  }
}

/**
 * A field's `validation` object as stored: known rules only, each `true` or an object of its
 * options; the records API applies them (API.md 3.8). Null clears the rules.
 * @example readValidation({ email: true, int: { range: { min: 1 } } }, 'age')  // returned unchanged
 */
export function readValidation(value: Record<string, unknown> | null, field: string): Record<string, unknown> | null {
  if (value === null) return null;
  for (const [rule, options] of Object.entries(value)) checkRule(rule, options, field);
  return Object.keys(value).length === 0 ? null : value;
}
