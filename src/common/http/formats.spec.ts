import { AppError } from '../errors';
import { parseCsv, parseXml, toCsv, toXml } from './formats';

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

  it('reads XML bodies as DreamFactory does: root unwrapped, repeated elements as lists, resource always a list', () => {
    expect(parseXml('<?xml version="1.0"?><dfapi><resource><first_name>Jo</first_name><age>44</age></resource><resource><first_name>Li &amp; Co</first_name><note/></resource></dfapi>'))
      .toEqual({ resource: [{ first_name: 'Jo', age: '44' }, { first_name: 'Li & Co', note: '' }] });
    expect(parseXml('<dfapi><resource><first_name a="ignored">Jo</first_name></resource><ids>1,2</ids></dfapi>')).toEqual({ resource: [{ first_name: 'Jo' }], ids: '1,2' });
    expect(parseXml('<resource><id>3</id></resource>')).toEqual({ resource: [{ id: '3' }] });
    expect(parseXml('<record><name>One</name><tags><tag>a</tag><tag>b</tag></tags></record>')).toEqual({ name: 'One', tags: { tag: ['a', 'b'] } });
    expect(parseXml('<dfapi><resource></resource></dfapi>')).toEqual({ resource: [] });
    expect(parseXml('<dfapi/>')).toEqual({});
  });

  const reason = (text: string) => {
    try {
      parseXml(text);
    } catch (error) {
      return (error as AppError).reason;
    }
    return 'parsed';
  };

  it.each([
    ['an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r><a>&x;</a></r>', 'REQUEST_BODY_UNPARSABLE'],
    ['an entity expansion bomb', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><r>&lol2;</r>', 'REQUEST_BODY_UNPARSABLE'],
    ['a lower-case doctype', '<!doctype r><r/>', 'REQUEST_BODY_UNPARSABLE'],
    ['a prototype key', '<dfapi><resource><__proto__><admin>1</admin></__proto__></resource></dfapi>', 'REQUEST_FORBIDDEN_KEY'],
    ['a constructor key', '<r><constructor/></r>', 'REQUEST_FORBIDDEN_KEY'],
    ['unclosed tags', '<dfapi><resource><a>1</resource></dfapi>', 'REQUEST_BODY_UNPARSABLE'],
    ['text that is not XML', 'first_name=Jo', 'REQUEST_BODY_UNPARSABLE'],
  ])('refuses XML with %s', (_name, text, expected) => {
    expect(reason(text)).toBe(expected);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
