import { AppError } from '../errors/app-error';
import { runBatch, type BatchRunner } from './batch';

/** A runner over an in-memory store: commits copy the pending writes, rollbacks drop them. */
function memoryStore() {
  const committed: number[] = [];
  let pending: number[] | undefined;
  const runner: BatchRunner = {
    async transaction(work) {
      const outer = pending === undefined;
      if (outer) pending = [];
      try {
        const result = await work();
        if (outer) committed.push(...pending!);
        return result;
      } finally {
        if (outer) pending = undefined;
      }
    },
  };
  const write = async (value: number) => {
    if (value < 0) throw new AppError('VALUE_INVALID', `Field 'v' must be positive.`);
    pending!.push(value);
    return { id: value };
  };
  return { committed, runner, write };
}

function batchContext(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  expect(e.reason).toBe('BATCH_FAILED');
  expect(e.toBody().code).toBe(1000);
  expect(e.status).toBe(400);
  return e.context as { error: number[]; resource: unknown[] };
}

describe('runBatch', () => {
  it('returns every result when all items succeed', async () => {
    const s = memoryStore();
    await expect(runBatch([1, 2, 3], { continueOnError: false, rollback: false }, 'created', s.runner, s.write)).resolves.toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(s.committed).toEqual([1, 2, 3]);
  });

  it.each([0, 1, 2, 3])('by default stops at the first failure (index %i) and keeps earlier items', async (bad) => {
    const s = memoryStore();
    const items = [1, 2, 3, 4].map((v, i) => (i === bad ? -1 : v));
    const error = await runBatch(items, { continueOnError: false, rollback: false }, 'created', s.runner, s.write).catch((e: unknown) => e);
    const context = batchContext(error);
    expect(context.error).toEqual([bad]);
    expect(context.resource).toHaveLength(bad + 1);
    expect(s.committed).toEqual(items.slice(0, bad));
    expect((error as AppError).message).toBe('Batch Error: Not all requested records could be created.');
  });

  it('with continue attempts every item and reports each failure', async () => {
    const s = memoryStore();
    const error = await runBatch([1, -1, 3, -2], { continueOnError: true, rollback: false }, 'updated', s.runner, s.write).catch((e: unknown) => e);
    const context = batchContext(error);
    expect(context.error).toEqual([1, 3]);
    expect(context.resource).toEqual([{ id: 1 }, expect.objectContaining({ reason: 'VALUE_INVALID', code: 400 }), { id: 3 }, expect.objectContaining({ reason: 'VALUE_INVALID' })]);
    expect(s.committed).toEqual([1, 3]);
  });

  it.each([0, 2, 4])('with rollback keeps nothing when item %i fails', async (bad) => {
    const s = memoryStore();
    const items = [1, 2, 3, 4, 5].map((v, i) => (i === bad ? -1 : v));
    const error = await runBatch(items, { continueOnError: false, rollback: true }, 'deleted', s.runner, s.write).catch((e: unknown) => e);
    const context = batchContext(error);
    expect(context.error).toEqual([bad]);
    expect(s.committed).toEqual([]);
    expect((error as AppError).message).toBe('Batch Error: Not all requested records could be deleted. All changes rolled back.');
  });

  it('refuses rollback together with continue', async () => {
    const s = memoryStore();
    await expect(runBatch([1], { continueOnError: true, rollback: true }, 'created', s.runner, s.write)).rejects.toMatchObject({ reason: 'REQUEST_INVALID' });
  });

  it('lets errors that are not AppErrors through (they are bugs or lost connections)', async () => {
    const s = memoryStore();
    const boom = new Error('connection lost');
    await expect(runBatch([1, 2], { continueOnError: true, rollback: false }, 'created', s.runner, async () => { throw boom; })).rejects.toBe(boom);
  });
});
