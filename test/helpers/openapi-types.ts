import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

/**
 * Generates TypeScript types from `document` with openapi-typescript (as `schema.d.ts`) and
 * type-checks `check` (a module importing from './schema') against them, strictly. Returns the
 * compiler's messages: none when the types compile and `check` agrees with them.
 */
export async function checkGeneratedTypes(document: unknown, check: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'isr-openapi-ts-'));
  try {
    const source = astToString(await openapiTS(structuredClone(document) as never));
    writeFileSync(join(dir, 'schema.d.ts'), source);
    writeFileSync(join(dir, 'check.ts'), check);
    const program = ts.createProgram([join(dir, 'check.ts')], {
      strict: true, noEmit: true, noUnusedLocals: false, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler, types: [], lib: ['lib.es2022.d.ts'],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
