import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FaninError } from '@fanin/core';

/**
 * The path of the sandboxed processor BullMQ forks: `processor.js` next to this module in
 * the built package, `processor.ts` when running from sources (tests, with a TypeScript
 * loader in the workers' `execArgv`).
 */
export function processorFile(): string {
  for (const name of ['./processor.js', './processor.ts']) {
    const path = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new FaninError(
    'PROCESSOR_MISSING',
    `the trial processor is missing next to ${fileURLToPath(import.meta.url)}`,
    'Reinstall @fanin/search-bullmq',
  );
}
