import { redactUrl } from './redact';

describe('redactUrl', () => {
  it('replaces credential values in query strings', () => {
    expect(redactUrl('/api/v2/db/_table/x?api_key=abc&limit=1&session_token=t.t.t')).toBe('/api/v2/db/_table/x?api_key=***&limit=1&session_token=***');
    expect(redactUrl('/a?filter=x')).toBe('/a?filter=x');
  });
});
