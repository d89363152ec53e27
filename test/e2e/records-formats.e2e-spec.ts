import { recordsFixture } from '../fixtures/records-schema';
import { closeTableApp, openTableApp, type DataServiceHandle } from '../helpers/data-service';
import type { TestApp } from '../helpers/test-app';

describe('records API: formats', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let svc: DataServiceHandle;
  let base: string;

  beforeAll(async () => {
    ({ t, auth, svc, base } = await openTableApp('sqlite', recordsFixture('sqlite')));
  });

  afterAll(() => closeTableApp(t, svc));

  it('answers CSV when the Accept header asks for it', async () => {
    const res = await t.http.get(`${base}/contact?fields=id,first_name&limit=2`).set(auth).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text).toBe('id,first_name\r\n1,Jo\r\n2,Ana\r\n');
  });

  it('answers XML with accept=, and as a download with file=', async () => {
    const res = await t.http.get(`${base}/contact?fields=id&limit=1&accept=application/xml`).set(auth).expect(200);
    expect(res.text).toBe('<?xml version="1.0" ?><dfapi><resource><id>1</id></resource></dfapi>');
    const file = await t.http.get(`${base}/contact?fields=id&limit=1&file=people.csv`).set(auth).expect(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="people.csv"');
    expect(file.text).toBe('id\r\n1\r\n');
    await t.http.get(`${base}/contact?file=../../etc/passwd`).set(auth).expect(400);
  });

  it('renders errors in the requested format and refuses unacceptable types', async () => {
    const xml = await t.http.get(`${base}/nope`).set(auth).set('Accept', 'application/xml').expect(404);
    expect(xml.text).toContain('<dfapi><error><code>404</code>');
    const res = await t.http.get(`${base}/contact`).set(auth).set('Accept', 'image/png').expect(400);
    expect((res.body as { error: { reason: string } }).error.reason).toBe('REQUEST_NOT_ACCEPTABLE');
  });

  it('reads CSV request bodies', async () => {
    const res = await t.http.post(`${base}/contact?fields=first_name,age`).set(auth).set('Content-Type', 'text/csv').send('first_name,email,age\r\nCsv,csv@example.com,29\r\n').expect(200);
    expect(res.body).toEqual({ resource: [{ first_name: 'Csv', age: 29 }] });
  });
});
