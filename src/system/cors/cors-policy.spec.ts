import { allowsOrigin, corsHeaders, matchesPath, normalizeOrigin, selectRule, type CorsRule } from './cors-policy';

const rule = (overrides: Partial<CorsRule>): CorsRule => ({
  path: 'api/v2/*', origin: 'https://app.example.com', header: null, exposedHeader: null, method: 3, maxAge: 600, supportsCredentials: false, ...overrides,
});

describe('matchesPath', () => {
  it.each([
    ['api/v2/*', 'api/v2/db/_table/contact', true],
    ['api/v2/*', 'api/v2/', true],
    ['api/v2/*', 'api/v2', false],
    ['api/v2/db/*', 'api/v2/dbx/_table', false],
    ['api/v2/*/_table/*', 'api/v2/db/_table/contact', true],
    ['api/v2/*/_table/*', 'api/v2/db/_schema/contact', false],
    ['*', '', true],
    ['api/v2/db', 'api/v2/db', true],
    ['api/v2/db', 'api/v2/db/x', false],
    ['a.b', 'axb', false],
    ['(a+)+$', '(a+)+$', true],
  ])('%s ~ %s → %s', (pattern, path, expected) => {
    expect(matchesPath(pattern, path)).toBe(expected);
  });

  it('stays fast on patterns that would make a backtracking regex explode', () => {
    const started = Date.now();
    expect(matchesPath('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('selectRule', () => {
  it('picks the longest matching path', () => {
    const rules = [rule({ path: 'api/v2/*', origin: 'a' }), rule({ path: 'api/v2/db/*', origin: 'b' }), rule({ path: '/api/v2/db/_table/x', origin: 'c' })];
    expect(selectRule(rules, '/api/v2/db/_table/contact')?.origin).toBe('b');
    expect(selectRule(rules, '/api/v2/user/session')?.origin).toBe('a');
    expect(selectRule(rules, '/api/v2/db/_table/x')?.origin).toBe('c');
    expect(selectRule(rules, '/health')).toBeUndefined();
  });
});

describe('origins', () => {
  it.each([
    ['https://app.example.com', 'https://app.example.com'],
    ['HTTPS://App.Example.COM:443', 'https://app.example.com'],
    ['http://localhost:4200', 'http://localhost:4200'],
    ['null', undefined],
    ['https://app.example.com/path', undefined],
    ['app.example.com', undefined],
    ['', undefined],
  ])('normalizes %j to %j', (origin, expected) => {
    expect(normalizeOrigin(origin)).toBe(expected);
  });

  it.each([
    ['https://app.example.com', 'https://app.example.com', true],
    ['https://app.example.com, https://b.example.com', 'https://b.example.com', true],
    ['https://app.example.com', 'https://app.example.com:8443', false],
    ['https://app.example.com', 'http://app.example.com', false],
    ['https://app.example.com', 'https://evil-app.example.com', false],
    ['*', 'https://anything.example', true],
    ['*', 'null', false],
  ])('rule %j allows %j: %s', (origins, origin, expected) => {
    expect(allowsOrigin(rule({ origin: origins }), origin)).toBe(expected);
  });
});

describe('corsHeaders', () => {
  it('answers a preflight from a listed origin', () => {
    expect(corsHeaders(rule({ method: 31, header: 'Content-Type,X-DreamFactory-API-Key', maxAge: 3600 }), 'https://app.example.com', true)).toEqual({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      Vary: 'Origin',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
      'Access-Control-Allow-Headers': 'Content-Type, X-DreamFactory-API-Key',
      'Access-Control-Max-Age': '3600',
    });
  });

  it('sends * for a wildcard rule without credentials, the origin with them', () => {
    expect(corsHeaders(rule({ origin: '*' }), 'https://a.example', false)).toEqual({ 'Access-Control-Allow-Origin': '*', Vary: 'Origin' });
    expect(corsHeaders(rule({ supportsCredentials: true, exposedHeader: 'X-Request-Id' }), 'https://app.example.com', false)).toEqual({
      'Access-Control-Allow-Origin': 'https://app.example.com', Vary: 'Origin', 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': 'X-Request-Id',
    });
  });

  it('sends nothing without a rule, without an origin, or for an origin not listed', () => {
    expect(corsHeaders(undefined, 'https://app.example.com', true)).toBeUndefined();
    expect(corsHeaders(rule({}), undefined, false)).toBeUndefined();
    expect(corsHeaders(rule({}), 'https://evil.example', true)).toBeUndefined();
    expect(corsHeaders(rule({ origin: '*' }), 'null', true)).toBeUndefined();
  });
});
