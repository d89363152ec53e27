import { postgres, sqlite } from '../dialect';
import { ident, param } from './parts';
import { StatementCache } from './statement-cache';

const select = (value: unknown, column = 'a') => ['SELECT * FROM ', ident('t'), ' WHERE ', ident(column), ' = ', param(value)];

describe('StatementCache', () => {
  it('renders statements that differ only in values to one text, with their own parameters', () => {
    const cache = new StatementCache(postgres);
    expect(cache.render(select(1))).toEqual({ text: 'SELECT * FROM "t" WHERE "a" = $1', params: [1] });
    expect(cache.render(select('x'))).toMatchObject({ text: 'SELECT * FROM "t" WHERE "a" = $1', params: ['x'] });
    expect(cache.size).toBe(1);
  });

  it('keeps shapes with different identifiers apart', () => {
    const cache = new StatementCache(postgres);
    expect(cache.render(select(1, 'b')).text).toBe('SELECT * FROM "t" WHERE "b" = $1');
    expect(cache.render(select(1, 'a')).text).toBe('SELECT * FROM "t" WHERE "a" = $1');
    expect(cache.size).toBe(2);
  });

  it('names a shape for a prepared statement from its second use, up to the limit', () => {
    const cache = new StatementCache(postgres, { names: true, maxNames: 1 });
    expect(cache.render(select(1)).name).toBeUndefined();
    const name = cache.render(select(2)).name;
    expect(name).toMatch(/^dfapi_\d+$/);
    expect(cache.render(select(3)).name).toBe(name);
    cache.render(select(1, 'b'));
    expect(cache.render(select(2, 'b')).name).toBeUndefined();
  });

  it('never names statements unless asked, and forgets a name the server rejected', () => {
    const plain = new StatementCache(sqlite);
    plain.render(select(1));
    expect(plain.render(select(1)).name).toBeUndefined();
    const named = new StatementCache(postgres, { names: true });
    named.render(select(1));
    const { text } = named.render(select(1));
    named.forgetName(text);
    expect(named.render(select(1)).name).toMatch(/^dfapi_\d+$/);
  });

  it('evicts the least recently used shape past its capacity', () => {
    const cache = new StatementCache(postgres, { capacity: 2 });
    cache.render(select(1, 'a'));
    cache.render(select(1, 'b'));
    cache.render(select(1, 'a'));
    cache.render(select(1, 'c'));
    expect(cache.size).toBe(2);
  });
});
