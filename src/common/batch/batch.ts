import { AppError, type ErrorBody } from '../errors';

export type BatchVerb = 'created' | 'updated' | 'deleted' | 'retrieved';

export interface BatchOptions {
  readonly continueOnError: boolean;
  readonly rollback: boolean;
}

/** Runs `work` for each item, in order, with the semantics of API.md 3.7. */
export interface BatchRunner {
  /** Work done in one unit (the whole batch under rollback, else each item): commit on success. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Processes a batch: default stops at the first failure (earlier items stay committed),
 * `continue` attempts every item, `rollback` runs everything in one transaction and keeps nothing
 * if any item fails. Every failure becomes the batch error (400, code 1000) whose
 * `context.resource` is index-aligned with the request.
 */
export async function runBatch<I, R>(
  items: readonly I[],
  options: BatchOptions,
  verb: BatchVerb,
  runner: BatchRunner,
  work: (item: I, index: number) => Promise<R>,
): Promise<R[]> {
  if (options.rollback && options.continueOnError) {
    throw new AppError('REQUEST_INVALID', 'Rollback and continue operations can not be requested at the same time.');
  }
  if (options.rollback) {
    const outcome: (R | AppError)[] = [];
    try {
      return await runner.transaction(async () => {
        const results: R[] = [];
        for (const [index, item] of items.entries()) {
          try {
            const result = await work(item, index);
            results.push(result);
            outcome.push(result);
          } catch (error) {
            outcome.push(asAppError(error));
            throw new RollbackSignal();
          }
        }
        return results;
      });
    } catch (error) {
      if (error instanceof RollbackSignal || outcome.some((o) => o instanceof AppError)) throw batchError(outcome, verb, true);
      throw error;
    }
  }
  const outcome: (R | AppError)[] = [];
  for (const [index, item] of items.entries()) {
    try {
      outcome.push(await runner.transaction(() => work(item, index)));
    } catch (error) {
      outcome.push(asAppError(error));
      if (!options.continueOnError) break;
    }
  }
  if (outcome.some((o) => o instanceof AppError)) throw batchError(outcome, verb, false);
  return outcome as R[];
}

class RollbackSignal extends Error {}

/** Errors that are not AppErrors are bugs or lost connections: rethrown by the caller's filter. */
function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  throw error;
}

/** The batch error of API.md 3.7. */
export function batchError(outcome: readonly unknown[], verb: BatchVerb, rolledBack: boolean): AppError {
  const failed: number[] = [];
  const resource = outcome.map((item, index) => {
    if (item instanceof AppError) {
      failed.push(index);
      return item.toBody() satisfies ErrorBody;
    }
    return item;
  });
  const message = `Batch Error: Not all requested records could be ${verb}.${rolledBack ? ' All changes rolled back.' : ''}`;
  return new AppError('BATCH_FAILED', message, { error: failed, resource });
}
