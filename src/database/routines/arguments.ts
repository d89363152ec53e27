import { AppError } from '../../common/errors';
import { coerceInput } from '../../common/values';
import type { Dialect } from '../dialect/dialect';
import { plainColumn, type ColumnSchema } from '../schema-cache/schema.types';
import { routineNoun } from './routine-errors';
import type { CallArguments, Routine, RoutineParam } from './routine.types';

export interface BoundArgument {
  readonly param: RoutineParam;
  /** False when the caller gave no value: the routine's default applies, else NULL. */
  readonly supplied: boolean;
  /** The coerced value to bind (null when not supplied, and for OUT parameters). */
  readonly value: unknown;
}

/** Optional hook replacing `{lookup}` names in string values (API.md 3.16.2, 4.7). */
export type LookupResolver = (text: string) => string;

const valueInvalid = (message: string, context: Record<string, unknown> | null = null): AppError =>
  new AppError('VALUE_INVALID', message, context);

/** A parameter by name: exact spelling first, else case-insensitively (API.md 2.10). */
export function findParam(routine: Routine, name: string): RoutineParam | undefined {
  const named = routine.params.filter((p) => p.name !== '');
  const exact = named.find((p) => p.name === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const folded = named.filter((p) => p.name.toLowerCase() === lower);
  return folded.length === 1 ? folded[0] : undefined;
}

const inputsOf = (routine: Routine): RoutineParam[] => routine.params.filter((p) => p.mode !== 'OUT');

/**
 * Picks the overload of a PostgreSQL routine name that the arguments designate (MySQL names are
 * unique). Kept: overloads that know every given name (positional: take at least that many
 * inputs); then, preferring those whose inputs without default are all given, the ones with the
 * fewest inputs. Still more than one (e.g. `f(a int)` and `f(a text)`) → 400 VALUE_INVALID.
 */
export function selectRoutine(candidates: readonly Routine[], args: CallArguments): Routine {
  const [first] = candidates;
  if (!first) throw new Error('selectRoutine needs at least one candidate');
  if (candidates.length === 1) return first;
  const givenNames = namesGiven(candidates, args);
  const accepting = candidates.filter((r) =>
    args.source === 'positional' ? args.values.length <= inputsOf(r).length : givenNames.every((n) => findParam(r, n)),
  );
  const noun = routineNoun(first.kind);
  if (accepting.length === 0) throw valueInvalid(`No version of ${noun.toLowerCase()} '${first.name}' takes the given parameters.`);
  const isSatisfied = (r: Routine): boolean =>
    inputsOf(r).every((p, index) =>
      p.default !== null ||
      (args.source === 'positional' ? index < args.values.length : givenNames.some((n) => findParam(r, n) === p)),
    );
  const satisfied = accepting.filter(isSatisfied);
  const pool = satisfied.length > 0 ? satisfied : accepting;
  const fewest = Math.min(...pool.map((r) => inputsOf(r).length));
  const chosen = pool.filter((r) => inputsOf(r).length === fewest);
  if (chosen.length === 1 && chosen[0]) return chosen[0];
  throw valueInvalid(`${noun} '${first.name}' is overloaded and the given parameters match more than one version.`);
}

/** Given names; for query parameters only those naming a parameter of some candidate. */
function namesGiven(candidates: readonly Routine[], args: CallArguments): string[] {
  if (args.source === 'named') return args.values.map(([name]) => name);
  if (args.source === 'positional') return [];
  return Object.keys(args.values).filter((key) => candidates.some((r) => findParam(r, key)));
}

/**
 * Assigns the call's arguments to the routine's parameters, in parameter order, each coerced to
 * the parameter's declared type (API.md 3.16.2). Unknown names in the body → 400 VALUE_INVALID
 * `Unknown parameter 'x' for procedure 'y'.`; unknown query parameters are ignored; values given
 * for OUT parameters are ignored; a value of the wrong type → 400 VALUE_INVALID.
 */
export function bindArguments(routine: Routine, args: CallArguments, dialect: Dialect, resolveLookups?: LookupResolver): BoundArgument[] {
  const given = assign(routine, args);
  return routine.params.map((param): BoundArgument => {
    if (param.mode === 'OUT' || !given.has(param)) return { param, supplied: false, value: null };
    return { param, supplied: true, value: coerceArgument(param, given.get(param), dialect, resolveLookups) };
  });
}

function assign(routine: Routine, args: CallArguments): Map<RoutineParam, unknown> {
  const given = new Map<RoutineParam, unknown>();
  const noun = routineNoun(routine.kind).toLowerCase();
  if (args.source === 'positional') {
    const inputs = inputsOf(routine);
    if (args.values.length > inputs.length) {
      throw valueInvalid(`Too many parameters for ${noun} '${routine.name}': it takes ${inputs.length}.`);
    }
    args.values.forEach((value, index) => {
      const param = inputs[index];
      if (param && value !== undefined) given.set(param, value);
    });
    return given;
  }
  const entries = args.source === 'named' ? args.values : Object.entries(args.values);
  const seen = new Set<RoutineParam>();
  for (const [name, value] of entries) {
    const param = findParam(routine, name);
    if (!param) {
      if (args.source === 'query') continue;
      throw valueInvalid(`Unknown parameter '${name}' for ${noun} '${routine.name}'.`);
    }
    if (seen.has(param)) throw valueInvalid(`Parameter '${param.name}' is given more than once.`);
    seen.add(param);
    if (param.mode !== 'OUT' && value !== undefined) given.set(param, value);
  }
  return given;
}

function coerceArgument(param: RoutineParam, value: unknown, dialect: Dialect, resolveLookups?: LookupResolver): unknown {
  const resolved = typeof value === 'string' && resolveLookups ? resolveLookups(value) : value;
  // PostgreSQL array parameters take a JSON array (node-postgres writes the array literal).
  if (param.declaredType.endsWith('[]') && Array.isArray(resolved)) return resolved;
  const result = coerceInput(asColumn(param), resolved, dialect);
  if (result.ok) return result.value;
  // coerceInput words its messages for record fields; a routine argument is a parameter.
  const message = result.message.replace(/^Field '/, "Parameter '");
  throw valueInvalid(message, { [param.name || `#${param.position}`]: [message] });
}

function asColumn(param: RoutineParam): ColumnSchema {
  return plainColumn({
    name: param.name || `#${param.position}`,
    type: param.type,
    dbType: param.declaredType,
    length: param.length,
    precision: param.precision,
    scale: param.scale,
  });
}
