import { readAccessRow, readRoleFields } from './role-fields';

describe('readAccessRow (API.md 4.4)', () => {
  it('fills the defaults on create and keeps what is given', () => {
    expect(readAccessRow({ service_id: 4, component: ' _table/* ', verb_mask: 1 }, true)).toEqual({
      values: { serviceId: 4, component: '_table/*', verbMask: 1, requestorMask: 1, filters: [], filterOp: 'AND' }, problems: {},
    });
    expect(readAccessRow({ verb_mask: '31', filter_op: 'or', service_id: null }, false).values).toEqual({ serviceId: null, verbMask: 31, filterOp: 'OR' });
  });

  it('keeps filters with the operators of the filter language, values as text', () => {
    const { values, problems } = readAccessRow({ filters: [
      { name: 'owner_id', operator: '=', value: '{user.id}' }, { name: 'age', operator: 'not in', value: '(1,2)' },
      { name: 'age', operator: 'IS NULL' }, { name: 'score', operator: 'GE', value: 3 },
    ] }, false);
    expect(problems).toEqual({});
    expect(values.filters).toEqual([
      { name: 'owner_id', operator: '=', value: '{user.id}' }, { name: 'age', operator: 'not in', value: '(1,2)' },
      { name: 'age', operator: 'IS NULL', value: null }, { name: 'score', operator: 'GE', value: '3' },
    ]);
  });

  it.each([
    [{ service_id: 'x' }, 'service_id'],
    [{ service_id: -1 }, 'service_id'],
    [{ component: 5 }, 'component'],
    [{ component: 'x'.repeat(256) }, 'component'],
    [{ verb_mask: 32 }, 'verb_mask'],
    [{ verb_mask: 1.5 }, 'verb_mask'],
    [{ requestor_mask: 4 }, 'requestor_mask'],
    [{ filters: 'owner_id = 1' }, 'filters'],
    [{ filters: [{ name: 'a', operator: 'BETWEEN', value: '1' }] }, 'filters'],
    [{ filters: [{ name: 'a', operator: '; DROP TABLE x', value: '1' }] }, 'filters'],
    [{ filters: [{ name: '', operator: '=', value: '1' }] }, 'filters'],
    [{ filters: [{ name: 'a', operator: '=', value: { nested: 1 } }] }, 'filters'],
    [{ filters: Array.from({ length: 51 }, () => ({ name: 'a', operator: '=', value: '1' })) }, 'filters'],
    [{ filter_op: 'XOR' }, 'filter_op'],
  ])('refuses %j in %s', (input, field) => {
    expect(Object.keys(readAccessRow(input, false).problems)).toEqual([field]);
  });
});

describe('readRoleFields', () => {
  it.each([
    [{}, true, ['name']],
    [{ name: ' ' }, false, ['name']],
    [{ name: 'n'.repeat(65) }, true, ['name']],
    [{ name: 'ok', description: 'd'.repeat(256) }, true, ['description']],
    [{ name: 'ok', is_active: 'maybe' }, true, ['is_active']],
    [{ description: 'fine' }, false, []],
  ])('%j (create: %s) → problems in %j', (input, creating, fields) => {
    expect(Object.keys(readRoleFields(input, creating).problems)).toEqual(fields);
  });

  it('reads trimmed names, empty descriptions as null and flags', () => {
    expect(readRoleFields({ name: ' reader ', description: '', is_active: 0 }, true).values).toEqual({ name: 'reader', description: null, isActive: false });
  });
});
