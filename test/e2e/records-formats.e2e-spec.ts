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

  it('reads XML request bodies, values typed by column', async () => {
    const xml = '<?xml version="1.0"?><dfapi><resource><first_name>Xml &amp; Co</first_name><email>xml@example.com</email><age>33</age><active>true</active></resource>'
      + '<resource><first_name>Xml 2</first_name><email>xml2@example.com</email></resource></dfapi>';
    const res = await t.http.post(`${base}/contact?fields=first_name,age,active`).set(auth).set('Content-Type', 'application/xml').send(xml).expect(200);
    expect(res.body).toEqual({ resource: [{ first_name: 'Xml & Co', age: 33, active: true }, { first_name: 'Xml 2', age: null, active: null }] });
    const one = await t.http.post(`${base}/contact`).set(auth).set('Content-Type', 'text/xml').send('<resource><first_name>Single</first_name></resource>').expect(200);
    expect((one.body as { resource: unknown[] }).resource).toHaveLength(1);
    const bad = await t.http.post(`${base}/contact`).set(auth).set('Content-Type', 'application/xml').send('<dfapi><resource><age>old</age><first_name>X</first_name></resource></dfapi>').expect(400);
    expect(bad.body).toMatchObject({ error: { reason: 'BATCH_FAILED', context: { error: [0], resource: [{ reason: 'VALUE_INVALID', message: "Field 'age' must be a valid integer." }] } } });
  });

  it('refuses XML with a DTD or prototype keys and writes nothing', async () => {
    const before = (await svc.query('SELECT COUNT(*) AS n FROM contact'))[0]!.n;
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><dfapi><resource><first_name>&x;</first_name></resource></dfapi>';
    const res = await t.http.post(`${base}/contact`).set(auth).set('Content-Type', 'application/xml').send(xxe).expect(400);
    expect(res.body).toMatchObject({ error: { reason: 'REQUEST_BODY_UNPARSABLE' } });
    const proto = await t.http.post(`${base}/contact`).set(auth).set('Content-Type', 'application/xml').send('<dfapi><resource><__proto__><x>1</x></__proto__><first_name>P</first_name></resource></dfapi>').expect(400);
    expect(proto.body).toMatchObject({ error: { reason: 'REQUEST_FORBIDDEN_KEY' } });
    expect((await svc.query('SELECT COUNT(*) AS n FROM contact'))[0]!.n).toBe(before);
  });

  it('answers system resources and the schema API in XML or CSV when asked', async () => {
    const roles = await t.http.get('/api/v2/system/service?fields=name&filter=name="db"').set(auth).set('Accept', 'application/xml').expect(200);
    expect(roles.headers['content-type']).toMatch(/^application\/xml/);
    expect(roles.text).toBe('<?xml version="1.0" ?><dfapi><resource><name>db</name></resource></dfapi>');
    const tables = await t.http.get(`/api/v2/${svc.name}/_schema?fields=name,plural&accept=text/csv`).set(auth).expect(200);
    expect(tables.headers['content-type']).toMatch(/^text\/csv/);
    expect(tables.text.split('\r\n').slice(0, 3)).toEqual(['name,plural', 'adult,Adults', 'contact,Contacts']);
    const file = await t.http.get(`/api/v2/${svc.name}/_schema/contact?file=contact.xml`).set(auth).expect(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="contact.xml"');
    expect(file.text).toMatch(/^<\?xml version="1\.0" \?><dfapi><alias><\/alias><name>contact<\/name>/);
    const json = await t.http.get('/api/v2/system/service?fields=name&filter=name="db"').set(auth).set('Accept', 'text/plain').expect(200);
    expect(json.body).toEqual({ resource: [{ name: 'db' }] });
  });
});
