import { defaultName, passwordProblem, readUserFields, toBoolean } from './user-fields';

const create = { creating: true, minPasswordLength: 8 };

describe('readUserFields', () => {
  it('reads the writable fields and ignores everything else', () => {
    const { values, problems } = readUserFields({
      email: ' alice@example.com ', first_name: 'Alice', last_name: 'Ng', phone: '123', username: 'alice_ng', is_active: 'false', password: 'correct-horse-9',
      is_sys_admin: true, id: 99, password_hash: 'x', confirmed: false, is_root_admin: true,
    }, create);
    expect(problems).toEqual({});
    expect(values).toEqual({ email: 'alice@example.com', firstName: 'Alice', lastName: 'Ng', phone: '123', username: 'alice_ng', isActive: false, password: 'correct-horse-9' });
  });

  it('names every bad field', () => {
    const { problems } = readUserFields({ email: 'not-an-email', first_name: 'x'.repeat(65), username: 'ab c', is_active: 'maybe', password: 'short' }, create);
    expect(Object.keys(problems).sort()).toEqual(['email', 'first_name', 'is_active', 'password', 'username']);
    expect(problems.password).toEqual(['The password must be at least 8 characters.']);
  });

  it('requires an e-mail on create only, and a password when asked', () => {
    expect(readUserFields({}, create).problems.email).toEqual(['The email field is required.']);
    expect(readUserFields({}, { creating: false, minPasswordLength: 8 }).problems).toEqual({});
    expect(readUserFields({ email: 'a@b' }, { ...create, passwordRequired: true }).problems.password).toEqual(['The password field is required.']);
  });

  it('accepts host-only domains such as admin@localhost', () => {
    expect(readUserFields({ email: 'admin@localhost' }, create).values.email).toBe('admin@localhost');
  });
});

describe('user field helpers', () => {
  it('derives the name from first and last name, else from the e-mail', () => {
    expect(defaultName('Alice', 'Ng', 'a@x')).toBe('Alice Ng');
    expect(defaultName('Alice', null, 'a@x')).toBe('Alice');
    expect(defaultName(null, undefined, 'bob.ray@x')).toBe('bob.ray');
  });

  it('checks password length in characters', () => {
    expect(passwordProblem('12345678', 8)).toBeUndefined();
    expect(passwordProblem('1234567', 8)).toBeDefined();
    expect(passwordProblem(12345678, 8)).toBeDefined();
  });

  it('reads booleans the way the contract honours them', () => {
    expect([true, 1, '1', 'true'].map(toBoolean)).toEqual([true, true, true, true]);
    expect([false, 0, '0', 'false', ''].map(toBoolean)).toEqual([false, false, false, false, false]);
    expect(toBoolean('yes please')).toBeUndefined();
  });
});
