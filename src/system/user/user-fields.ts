import { AppError } from '../../common/errors';
import type { JsonRecord } from '../../common/http/bodies';

/** The writable fields of a user or admin record (API.md 4.6, 5.3, 5.5), validated; password still in clear. */
export interface UserFieldValues {
  email?: string;
  name?: string;
  firstName?: string | null;
  lastName?: string | null;
  username?: string;
  phone?: string | null;
  isActive?: boolean;
  password?: string;
}

export type Problems = Record<string, string[]>;

const EMAIL = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+$/;

/**
 * Reads the fields present in `input`; everything else (is_sys_admin, id, hashes, confirmed, …) is
 * ignored. Problems are collected per field so the 400 names every bad one.
 */
export function readUserFields(input: JsonRecord, options: { creating: boolean; minPasswordLength: number; passwordRequired?: boolean }): { values: UserFieldValues; problems: Problems } {
  const problems: Problems = {};
  const values: UserFieldValues = {};
  const add = (field: string, message: string) => (problems[field] ??= []).push(message);
  const text = (field: string, max: number): string | null | undefined => {
    if (!(field in input)) return undefined;
    const value = input[field];
    if (value === null) return null;
    if (typeof value !== 'string') {
      add(field, `The ${field} must be a string.`);
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed.length > max) add(field, `The ${field} may not be greater than ${max} characters.`);
    return trimmed === '' ? null : trimmed;
  };

  const email = text('email', 255);
  if (email) {
    if (EMAIL.test(email)) values.email = email;
    else add('email', 'The email must be a valid email address.');
  } else if (options.creating || email === null) {
    add('email', 'The email field is required.');
  }
  const firstName = text('first_name', 64);
  if (firstName !== undefined) values.firstName = firstName;
  const lastName = text('last_name', 64);
  if (lastName !== undefined) values.lastName = lastName;
  const name = text('name', 255);
  if (name) values.name = name;
  const phone = text('phone', 32);
  if (phone !== undefined) values.phone = phone;
  const username = text('username', 255);
  if (username) {
    if (username.length < 6 || /\s/.test(username)) add('username', 'The username must be at least 6 characters and contain no whitespace.');
    else values.username = username;
  }
  if ('is_active' in input) {
    const active = toBoolean(input.is_active);
    if (active === undefined) add('is_active', 'The is_active field must be true or false.');
    else values.isActive = active;
  }
  if ('password' in input && input.password !== null && input.password !== '') {
    const problem = passwordProblem(input.password, options.minPasswordLength);
    if (problem) add('password', problem);
    else values.password = input.password as string;
  } else if (options.passwordRequired) {
    add('password', 'The password field is required.');
  }
  return { values, problems };
}

/** `"{first_name} {last_name}"`, else the e-mail's local part (API.md 4.6). */
export function defaultName(firstName: string | null | undefined, lastName: string | null | undefined, email: string): string {
  const full = [firstName, lastName].filter((p): p is string => !!p).join(' ').trim();
  return full !== '' ? full.slice(0, 255) : email.split('@')[0]!;
}

export function passwordProblem(password: unknown, minLength: number): string | undefined {
  if (typeof password !== 'string') return 'The password must be a string.';
  if ([...password].length < minLength) return `The password must be at least ${minLength} characters.`;
  if (password.length > 1024) return 'The password may not be greater than 1024 characters.';
  return undefined;
}

/** true/false, 1/0, "true"/"false", "1"/"0"; `""` is false (API.md 9 #55: honoured, not dropped). */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false' || value === '') return false;
  return undefined;
}

export function invalidData(problems: Problems): AppError {
  return new AppError('VALUE_INVALID', 'Invalid data supplied.', problems);
}

export function hasProblems(problems: Problems): boolean {
  return Object.keys(problems).length > 0;
}
