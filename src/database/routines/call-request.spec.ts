import { AppError } from '../../common/errors';
import { parseCallRequest, splitInlineCall, type CallInput } from './call-request';

describe('parseCallRequest arguments', () => {
  it.each<[string, CallInput, unknown]>([
    [
      'an array of {name, value} (param_type ignored)',
      { body: { params: [{ name: 'p_status', value: 'open', param_type: 'OUT' }, { name: 'p_limit', value: 10 }] } },
      { source: 'named', values: [['p_status', 'open'], ['p_limit', 10]] },
    ],
    ['a positional array', { body: { params: ['open', 10] } }, { source: 'positional', values: ['open', 10] }],
    [
      'an object, with {value} unwrapped',
      { body: { params: { p_status: 'open', p_limit: { value: 10 } } } },
      { source: 'named', values: [['p_status', 'open'], ['p_limit', 10]] },
    ],
    ['inline values when the body has none', { body: { params: [] }, inline: ['1', 'two'] }, { source: 'positional', values: ['1', 'two'] }],
    [
      'the body before inline values and the query',
      { body: { params: { a: 1 } }, inline: ['2'], query: { a: '3' } },
      { source: 'named', values: [['a', 1]] },
    ],
    [
      'query parameters without credentials and options',
      { query: { p1: 'x', api_key: 'k', session_token: 't', returns: 'integer', wrapper: 'data' } },
      { source: 'query', values: { p1: 'x' } },
    ],
  ])('reads %s', (_label, input, args) => {
    expect({ ...parseCallRequest(input).args }).toEqual(args);
  });

  it('keeps a named value that is missing as undefined, so the default applies', () => {
    expect(parseCallRequest({ body: { params: [{ name: 'a' }] } }).args).toEqual({ source: 'named', values: [['a', undefined]] });
  });

  it.each<[string, unknown]>([
    ['a body that is not an object', [1, 2]],
    ['params that are a string', { params: 'a=1' }],
    ['params mixing named and positional items', { params: [{ name: 'a', value: 1 }, 2] }],
    ['an unknown returns type', { returns: 'widget' }],
    ['a wrapper that is not a string', { wrapper: 5 }],
    ['a schema with an unknown type', { schema: { total: 'widget' } }],
    ['a schema that is not an object', { schema: 'total' }],
  ])('rejects %s with REQUEST_INVALID', (_label, body) => {
    expect(() => parseCallRequest({ body })).toThrow(expect.objectContaining({ reason: 'REQUEST_INVALID' }) as AppError);
  });
});

describe('parseCallRequest options', () => {
  it('reads returns, wrapper and schema, the query winning for returns and wrapper', () => {
    const request = parseCallRequest({
      body: { returns: 'string', wrapper: 'rows', schema: { total: 'Decimal' } },
      query: { returns: 'INTEGER' },
    });
    expect(request.options).toEqual({ returns: 'integer', wrapper: 'rows', schema: { total: 'decimal' } });
  });

  it('ignores schema in the query (body only)', () => {
    expect(parseCallRequest({ query: { schema: 'x' } }).options).toEqual({});
  });

  it('accepts returns=table', () => {
    expect(parseCallRequest({ query: { returns: 'table' } }).options).toEqual({ returns: 'table' });
  });
});

describe('splitInlineCall', () => {
  it.each([
    ['add_order', { name: 'add_order' }],
    ['add_order()', { name: 'add_order', values: [] }],
    ["add_order(1, 'two', \"three\" )", { name: 'add_order', values: ['1', 'two', 'three'] }],
    ['f(a,,b)', { name: 'f', values: ['a', '', 'b'] }],
  ])('splits %s', (segment, expected) => {
    expect(splitInlineCall(segment)).toEqual(expected);
  });
});
