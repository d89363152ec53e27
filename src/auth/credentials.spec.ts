import type { Request } from 'express';
import { AppError } from '../common/errors/app-error';
import { readApiKey, readSessionToken } from './credentials';

function req(headers: Record<string, string[]>, query: Record<string, unknown> = {}): Request {
  return { headersDistinct: headers, query } as unknown as Request;
}

describe('credentials', () => {
  it('reads the API key from the header or the query', () => {
    expect(readApiKey(req({ 'x-dreamfactory-api-key': ['k1'] }))).toBe('k1');
    expect(readApiKey(req({}, { api_key: 'k2' }))).toBe('k2');
    expect(readApiKey(req({}))).toBeUndefined();
  });

  it('accepts the same key in both places and refuses different ones', () => {
    expect(readApiKey(req({ 'x-dreamfactory-api-key': ['k'] }, { api_key: 'k' }))).toBe('k');
    expect(() => readApiKey(req({ 'x-dreamfactory-api-key': ['k'] }, { api_key: 'other' }))).toThrow(AppError);
    expect(() => readApiKey(req({ 'x-dreamfactory-api-key': ['a', 'b'] }))).toThrow(AppError);
  });

  it('reads tokens from the session header, Bearer and the query; ignores other schemes', () => {
    expect(readSessionToken(req({ 'x-dreamfactory-session-token': ['t'] }))).toBe('t');
    expect(readSessionToken(req({ authorization: ['Bearer t'] }))).toBe('t');
    expect(readSessionToken(req({}, { session_token: 't' }))).toBe('t');
    expect(readSessionToken(req({ authorization: ['Basic dTpw'] }))).toBeUndefined();
    expect(readSessionToken(req({ authorization: [''] }))).toBeUndefined();
  });

  it('refuses conflicting tokens', () => {
    expect(() => readSessionToken(req({ 'x-dreamfactory-session-token': ['a'], authorization: ['Bearer b'] }))).toThrow(AppError);
  });
});
