import type { Response } from 'supertest';
import type { TestApp } from './test-app';

/** Asserts the error envelope of API.md 2.8 with its status and reason; returns the message. */
export function expectError(res: Response, status: number, reason: string): string {
  expect({ status: res.status, reason: (res.body as { error?: { reason?: string } }).error?.reason }).toEqual({ status, reason });
  const error = (res.body as { error: { code: number; status_code: number; message: string } }).error;
  expect(Object.keys(error)).toEqual(['code', 'context', 'message', 'status_code', 'reason']);
  expect(error.status_code).toBe(status);
  return error.message;
}

/** A role row written straight into the system database (system/role arrives with RBAC). */
export async function insertRole(t: TestApp, name: string, isActive = true): Promise<number> {
  await t.systemDbQuery(`INSERT INTO role (name, description, is_active) VALUES ('${name}', 'Role ${name}', ${isActive ? 'TRUE' : 'FALSE'})`);
  const rows = await t.systemDbQuery(`SELECT id FROM role WHERE name = '${name}'`);
  return Number(rows[0]!.id);
}

/** Creates records through `POST /system/{resource}` as the admin; returns the new ids. */
export async function createRecords(t: TestApp, auth: Record<string, string>, resource: string, records: object[], query = ''): Promise<number[]> {
  const res = await t.http.post(`/api/v2/system/${resource}${query}`).set(auth).send({ resource: records });
  expect(res.status).toBe(201);
  return (res.body as { resource: { id: number }[] }).resource.map((r) => r.id);
}

export async function createApp(t: TestApp, auth: Record<string, string>, fields: object): Promise<{ id: number; apiKey: string }> {
  const res = await t.http.post('/api/v2/system/app?fields=id,api_key').set(auth).send({ resource: [fields] }).expect(201);
  const [app] = (res.body as { resource: { id: number; api_key: string }[] }).resource;
  return { id: app!.id, apiKey: app!.api_key };
}

/** Logs in at `/user/session` (or the admin path) and returns the session object. */
export async function login(t: TestApp, email: string, password: string, options: { apiKey?: string; admin?: boolean } = {}): Promise<Record<string, unknown> & { session_token: string }> {
  const request = t.http.post(options.admin ? '/api/v2/system/admin/session' : '/api/v2/user/session');
  if (options.apiKey) void request.set('X-DreamFactory-API-Key', options.apiKey);
  const res = await request.send({ email, password });
  expect(res.status).toBe(200);
  return res.body as Record<string, unknown> & { session_token: string };
}

export function bearer(token: string): Record<string, string> {
  return { 'X-DreamFactory-Session-Token': token };
}
