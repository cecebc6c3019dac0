// The sweep script of the kill -9 test, run as `node --import ../support/register-source.mjs
// sweep.ts <journal>` (TypeScript sources through the test loader). It resumes from the
// journal like any user script run twice.
import { createStudy, uniform } from '@fanin/search';
import { journalStorage, processPool } from '@fanin/search/node';

const [journal] = process.argv.slice(2);
const storage = await journalStorage(journal!);
const study = await createStudy({ storage, name: 'killed', seed: 11, space: { x: uniform(0, 1) } });
const pool = processPool({
  module: new URL('../objectives/slow.mjs', import.meta.url),
  export: 'objective',
  workers: 2,
});
const summary = await study.optimize(pool, { trials: 12 });
await pool.close();
await storage.close();
console.log(JSON.stringify(summary));
