import { parseCsv, toCsv, toXml } from './formats';

describe('formats', () => {
  it('writes DreamFactory XML with repeated elements and escaped text', () => {
    expect(toXml({ resource: [{ id: 1, name: 'a<b & "c"' }, { id: 2, name: null }] })).toBe(
      '<?xml version="1.0" ?><dfapi><resource><id>1</id><name>a&lt;b &amp; &quot;c&quot;</name></resource><resource><id>2</id><name></name></resource></dfapi>',
    );
    expect(toXml({ error: { code: 404, context: null } })).toBe('<?xml version="1.0" ?><dfapi><error><code>404</code><context></context></error></dfapi>');
  });

  it('writes CSV with a header from the first item, quoting and JSON-encoded nesting', () => {
    expect(toCsv({ resource: [{ id: 1, note: 'a,b', tags: ['x'] }, { id: 2, note: 'say "hi"', tags: [] }] })).toBe(
      'id,note,tags\r\n1,"a,b","[""x""]"\r\n2,"say ""hi""",[]\r\n',
    );
    expect(toCsv({ resource: [] })).toBe('');
  });

  it('reads CSV bodies into records of strings', () => {
    expect(parseCsv('first_name,age\r\nJo,44\r\n"Doe, Jr.",""\n')).toEqual({ resource: [{ first_name: 'Jo', age: '44' }, { first_name: 'Doe, Jr.', age: '' }] });
    expect(() => parseCsv('a\n"open')).toThrow();
  });
});
