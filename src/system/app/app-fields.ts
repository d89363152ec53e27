import { randomBytes } from 'node:crypto';
import type { JsonRecord } from '../../common/http/bodies';
import { toBoolean, type Problems } from '../user/user-fields';

/** The writable columns of an app (API.md 4.5), validated. */
export interface AppFieldValues {
  name?: string;
  apiKey?: string;
  description?: string | null;
  isActive?: boolean;
  type?: number;
  url?: string | null;
  path?: string | null;
  roleId?: number | null;
  requiresFullscreen?: boolean;
  allowFullscreenToggle?: boolean;
  toggleLocation?: string;
}

const API_KEY = /^[A-Za-z0-9]{64,128}$/;
const APP_TYPES = new Set([0, 2, 3]);

/** 64 lower-case hex characters from 32 random bytes (API.md 4.5, 9 #57). */
export function generateApiKey(): string {
  return randomBytes(32).toString('hex');
}

/** Reads the keys present in `input`; unknown and read-only keys (`id`, `launch_url`, audit fields) are ignored. */
export function readAppFields(input: JsonRecord, creating: boolean): { values: AppFieldValues; problems: Problems } {
  const problems: Problems = {};
  const values: AppFieldValues = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  const text = (field: string, max: number): string | null | undefined => {
    if (!(field in input)) return undefined;
    const value = input[field];
    if (value === null) return null;
    if (typeof value !== 'string') return void add(field, `The ${field} must be a string.`);
    if (value.trim().length > max) add(field, `The ${field} may not be greater than ${max} characters.`);
    return value.trim() === '' ? null : value.trim();
  };
  const flag = (field: string): boolean | undefined => {
    if (!(field in input)) return undefined;
    const value = toBoolean(input[field]);
    if (value === undefined) add(field, `The ${field} field must be true or false.`);
    return value;
  };

  const name = text('name', 64);
  if (name) values.name = name;
  else if (creating || name === null) add('name', 'The name field is required.');
  if ('api_key' in input && input.api_key !== null && input.api_key !== '') {
    if (typeof input.api_key === 'string' && API_KEY.test(input.api_key)) values.apiKey = input.api_key;
    else add('api_key', 'The api_key must be 64 to 128 letters or digits.');
  }
  const description = text('description', 255);
  if (description !== undefined) values.description = description;
  const url = text('url', 1024);
  if (url !== undefined) values.url = url;
  const path = text('path', 1024);
  if (path !== undefined) values.path = path;
  const toggle = text('toggle_location', 64);
  if (toggle !== undefined) values.toggleLocation = toggle ?? 'top';
  if ('type' in input) {
    const type = typeof input.type === 'string' && /^\d$/.test(input.type) ? Number(input.type) : input.type;
    if (typeof type === 'number' && APP_TYPES.has(type)) values.type = type;
    else add('type', 'The type must be 0 (no storage), 2 (URL) or 3 (path).');
  }
  if ('role_id' in input) {
    const role = input.role_id;
    const id = typeof role === 'string' && /^\d{1,15}$/.test(role) ? Number(role) : role;
    if (id === null || id === '') values.roleId = null;
    else if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) values.roleId = id;
    else add('role_id', 'The role_id must be a role id or null.');
  }
  const isActive = flag('is_active');
  if (isActive !== undefined) values.isActive = isActive;
  const requires = flag('requires_fullscreen');
  if (requires !== undefined) values.requiresFullscreen = requires;
  const allow = flag('allow_fullscreen_toggle');
  if (allow !== undefined) values.allowFullscreenToggle = allow;
  return { values, problems };
}

/** type 2 → its url; type 3 → PUBLIC_URL + path; else "" (API.md 4.5). */
export function launchUrl(app: { type: number; url: string | null; path: string | null }, publicUrl: string): string {
  if (app.type === 2) return app.url ?? '';
  if (app.type === 3 && app.path) return `${publicUrl.replace(/\/+$/, '')}/${app.path.replace(/^\/+/, '')}`;
  return '';
}
