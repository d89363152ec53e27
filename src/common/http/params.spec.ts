import { AppError } from '../errors/app-error';
import { RequestParams } from './params';

describe('RequestParams', () => {
  it('reads contract booleans and refuses anything else', () => {
    const p = new RequestParams({ a: 'YES', b: 'off', c: '', d: 't', e: 'maybe' });
    expect([p.bool('a'), p.bool('b'), p.bool('c'), p.bool('d'), p.bool('missing')]).toEqual([true, false, false, true, false]);
    expect(() => p.bool('e')).toThrow(AppError);
  });

  it('reads integers strictly', () => {
    const p = new RequestParams({ limit: '10', offset: '1e3', x: '1.5', y: '-3', z: '9007199254740993' });
    expect(p.int('limit')).toBe(10);
    expect(() => p.int('offset')).toThrow("Invalid value for 'offset': expected an integer.");
    expect(() => p.int('x')).toThrow(AppError);
    expect(() => p.int('y')).toThrow(AppError);
    expect(p.int('y', { allowNegative: true })).toBe(-3);
    expect(() => p.int('z')).toThrow(AppError);
  });

  it('folds aliases in, the canonical name winning', () => {
    const p = new RequestParams({ select: 'a,b', where: 'x=1', top: '5', fields: 'c' });
    expect(p.list('fields')).toEqual(['c']);
    expect(p.string('filter')).toBe('x=1');
    expect(p.int('limit')).toBe(5);
  });

  it('falls back to body options when absent from the query, query winning', () => {
    const p = new RequestParams({ limit: '2' }, { limit: 50, filter: 'a = 1', ids: [1, 2], related: 'x' });
    expect(p.int('limit')).toBe(2);
    expect(p.string('filter')).toBe('a = 1');
    expect(p.list('ids')).toEqual(['1', '2']);
    expect(p.has('related')).toBe(false);
  });

  it('splits lists, trimming and dropping empty items', () => {
    expect(new RequestParams({ fields: ' a, ,b ,' }).list('fields')).toEqual(['a', 'b']);
  });

  it('reads params from a JSON-encoded query value or a body object', () => {
    expect(new RequestParams({ params: '{":a":1}' }).object('params')).toEqual({ ':a': 1 });
    expect(new RequestParams({}, { params: { ':b': 'x' } }).object('params')).toEqual({ ':b': 'x' });
    expect(() => new RequestParams({ params: '[1]' }).object('params')).toThrow(AppError);
  });
});
