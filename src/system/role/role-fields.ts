import type { JsonRecord } from '../../common/http/bodies';
import { isRoleFilterOperator, type RoleFilterRule } from '../../filter/role-rules';
import type { Problems } from '../user/user-fields';
import { toBoolean } from '../user/user-fields';

/** The writable columns of a role (API.md 4.4), validated. */
export interface RoleFieldValues {
  name?: string;
  description?: string | null;
  isActive?: boolean;
}

/** The writable columns of a role_service_access row, validated (`serviceId` still to be checked against the services). */
export interface AccessRowValues {
  serviceId?: number | null;
  component?: string | null;
  verbMask?: number;
  requestorMask?: number;
  filters?: RoleFilterRule[];
  filterOp?: 'AND' | 'OR';
}

export const MAX_ROLE_FILTERS = 50;

type Adder = (field: string, message: string) => void;

function collector(): { problems: Problems; add: Adder } {
  const problems: Problems = {};
  return { problems, add: (field, message) => void (problems[field] ??= []).push(message) };
}

/** Reads the keys present in `input`; unknown and read-only keys (`id`, audit fields, relations) are ignored. */
export function readRoleFields(input: JsonRecord, creating: boolean): { values: RoleFieldValues; problems: Problems } {
  const { problems, add } = collector();
  const values: RoleFieldValues = {};
  if ('name' in input || creating) {
    const name = input.name;
    if (typeof name !== 'string' || name.trim() === '') add('name', 'The name field is required.');
    else if (name.trim().length > 64) add('name', 'The name may not be greater than 64 characters.');
    else values.name = name.trim();
  }
  if ('description' in input) {
    const description = input.description;
    if (description === null || description === '') values.description = null;
    else if (typeof description !== 'string') add('description', 'The description must be a string.');
    else if (description.length > 255) add('description', 'The description may not be greater than 255 characters.');
    else values.description = description;
  }
  if ('is_active' in input) {
    const flag = toBoolean(input.is_active);
    if (flag === undefined) add('is_active', 'The is_active field must be true or false.');
    else values.isActive = flag;
  }
  return { values, problems };
}

/**
 * Reads an access row (4.4): `service_id` an id or null (all services), `component` ≤ 255,
 * `verb_mask` 0–31, `requestor_mask` 0–3, `filters` ≤ 50 rules with the role-filter operators,
 * `filter_op` AND or OR. On create the defaults are filled in.
 * @example readAccessRow({ service_id: 4, component: '_table/*', verb_mask: 1 }, true).values
 *   // { serviceId: 4, component: '_table/*', verbMask: 1, requestorMask: 1, filters: [], filterOp: 'AND' }
 */
export function readAccessRow(input: JsonRecord, creating: boolean): { values: AccessRowValues; problems: Problems } {
  const { problems, add } = collector();
  const values: AccessRowValues = {};
  if ('service_id' in input) {
    const id = toId(input.service_id);
    if (id === undefined) add('service_id', 'The service_id must be a service id or null.');
    else values.serviceId = id;
  } else if (creating) {
    values.serviceId = null;
  }
  if ('component' in input) {
    const component = input.component;
    if (component === null) values.component = null;
    else if (typeof component !== 'string') add('component', 'The component must be a string.');
    else if (component.trim().length > 255) add('component', 'The component may not be greater than 255 characters.');
    else values.component = component.trim();
  } else if (creating) {
    values.component = null;
  }
  const mask = (field: string, max: number, fallback: number): number | undefined => {
    if (!(field in input)) return creating ? fallback : undefined;
    const raw = input[field];
    const value = typeof raw === 'string' && /^\d{1,2}$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max) return value;
    add(field, `The ${field} must be an integer from 0 to ${max}.`);
    return undefined;
  };
  const verbMask = mask('verb_mask', 31, 0);
  if (verbMask !== undefined) values.verbMask = verbMask;
  const requestorMask = mask('requestor_mask', 3, 1);
  if (requestorMask !== undefined) values.requestorMask = requestorMask;
  if ('filters' in input) {
    const filters = readFilters(input.filters, add);
    if (filters) values.filters = filters;
  } else if (creating) {
    values.filters = [];
  }
  if ('filter_op' in input) {
    const op = typeof input.filter_op === 'string' ? input.filter_op.trim().toUpperCase() : input.filter_op === null ? 'AND' : '';
    if (op === 'AND' || op === 'OR') values.filterOp = op;
    else add('filter_op', 'The filter_op must be AND or OR.');
  } else if (creating) {
    values.filterOp = 'AND';
  }
  return { values, problems };
}

function readFilters(raw: unknown, add: Adder): RoleFilterRule[] | undefined {
  if (raw === null || raw === '') return [];
  if (!Array.isArray(raw)) return void add('filters', 'The filters must be a list of {name, operator, value}.');
  if (raw.length > MAX_ROLE_FILTERS) return void add('filters', `At most ${MAX_ROLE_FILTERS} filters are allowed.`);
  const rules: RoleFilterRule[] = [];
  for (const [index, item] of raw.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      add('filters', `Filter ${index} must be an object with name, operator and value.`);
      continue;
    }
    const { name, operator, value } = item as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 128) add('filters', `Filter ${index} needs a field name.`);
    else if (typeof operator !== 'string' || !isRoleFilterOperator(operator)) add('filters', `Filter ${index} has an unsupported operator.`);
    else if (value !== undefined && value !== null && !['string', 'number', 'boolean'].includes(typeof value)) add('filters', `Filter ${index} needs a text value.`);
    else if (typeof value === 'string' && value.length > 1024) add('filters', `Filter ${index} has a value longer than 1024 characters.`);
    else rules.push({ name: name.trim(), operator: operator.trim(), value: value === undefined || value === null ? null : String(value) });
  }
  return rules;
}

function toId(raw: unknown): number | null | undefined {
  if (raw === null || raw === '') return null;
  const value = typeof raw === 'string' && /^\d{1,15}$/.test(raw.trim()) ? Number(raw) : raw;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
