import { ENGINES, isEngineAvailable } from './helpers/test-databases';

/** Probes the database servers once; says loudly which are missing; fails under CI=true. */
export default async function globalSetup(): Promise<void> {
  const available: string[] = [];
  const missing: string[] = [];
  for (const engine of ENGINES) ((await isEngineAvailable(engine)) ? available : missing).push(engine);
  process.env.TEST_ENGINES_AVAILABLE = available.join(',');
  if (missing.length > 0) {
    const line = `!!! Database servers not reachable: ${missing.join(', ')}. Their test suites are NOT run. !!!`;
    process.stderr.write(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}\n\n`);
    if (process.env.CI === 'true') throw new Error(`CI requires every database server; missing: ${missing.join(', ')}`);
  }
}
