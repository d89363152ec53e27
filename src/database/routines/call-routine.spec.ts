import { makeParam, makeRoutine } from '../../../test/routines/routine.factory';
import type { AppError } from '../../common/errors';
import { mysql, postgres, sqlite } from '../dialect';
import { parseCallRequest } from './call-request';
import { callRoutine } from './call-routine';
import type { QueryFn, RoutineCatalog } from './routine.types';
import { withStatementTimeout } from './statement-timeout';

/** A connection that records statements and answers from a script; unexpected calls fail. */
function fakeConnection(answers: ((text: string) => unknown)[]) {
  const seen: [string, unknown[] | undefined][] = [];
  const run: QueryFn = async (text, params) => {
    seen.push([text, params]);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected statement: ${text}`);
    return answer(text);
  };
  return { run, seen };
}

const bump = makeRoutine({ name: 'bump', schema: 'public', params: [makeParam('INOUT', 'p_value', 'integer', 1)] });

describe('callRoutine', () => {
  it('answers SQLite with ROUTINES_UNSUPPORTED before touching the database', async () => {
    const { run } = fakeConnection([]);
    const catalog: RoutineCatalog = { dialect: 'sqlite', routines: [] };
    await expect(callRoutine(catalog, 'function', 'x', parseCallRequest({}), { dialect: sqlite, run, service: 'db' })).rejects.toMatchObject({
      reason: 'ROUTINES_UNSUPPORTED',
      message: "Resource '_func' not found for service 'db'. SQLite databases have no stored procedures or functions.",
    } as Partial<AppError>);
  });

  it('answers ROUTINE_NOT_FOUND before touching the database', async () => {
    const { run } = fakeConnection([]);
    const catalog: RoutineCatalog = { dialect: 'postgres', routines: [bump] };
    await expect(callRoutine(catalog, 'procedure', 'bump; DROP TABLE t', parseCallRequest({}), { dialect: postgres, run, service: 'db' }))
      .rejects.toMatchObject({ reason: 'ROUTINE_NOT_FOUND' } as Partial<AppError>);
  });

  it('wraps the call in the statement timeout on the same connection', async () => {
    const { run, seen } = fakeConnection([() => [{ previous: '30s' }], () => [{ p_value: 2 }], () => [{}]]);
    const catalog: RoutineCatalog = { dialect: 'postgres', routines: [bump] };
    const request = parseCallRequest({ body: { params: [1] } });
    await expect(callRoutine(catalog, 'procedure', 'bump', request, { dialect: postgres, run, service: 'db', timeoutMs: 500 }))
      .resolves.toEqual({ p_value: 2 });
    expect(seen).toEqual([
      ["SELECT current_setting('statement_timeout') AS previous, set_config('statement_timeout', $1, false) AS applied", ['500ms']],
      ['CALL "public"."bump"("p_value" => $1::integer)', [1]],
      ["SELECT set_config('statement_timeout', $1, false)", ['30s']],
    ]);
  });
});

describe('withStatementTimeout', () => {
  it('runs only the call when no timeout is given', async () => {
    const { run, seen } = fakeConnection([]);
    await expect(withStatementTimeout(run, 'postgres', undefined, async () => 'done')).resolves.toBe('done');
    expect(seen).toEqual([]);
  });

  it('restores the previous MariaDB limit after a failed call, keeping the call error', async () => {
    const { run, seen } = fakeConnection([() => [{ previous: 10 }], () => ({}), () => ({})]);
    const failure = new Error('call failed');
    await expect(withStatementTimeout(run, 'mysql', 250, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(seen).toEqual([
      ['SELECT @@SESSION.max_statement_time AS previous', []],
      ['SET SESSION max_statement_time = ?', [0.25]],
      ['SET SESSION max_statement_time = ?', [10]],
    ]);
  });

  it('runs without a limit on MySQL, which has no max_statement_time', async () => {
    const { run, seen } = fakeConnection([() => { throw Object.assign(new Error('Unknown system variable'), { errno: 1193 }); }]);
    await expect(withStatementTimeout(run, mysql.name, 250, async () => 'done')).resolves.toBe('done');
    expect(seen).toHaveLength(1);
  });
});
