// The end-to-end sweep, as the README shows it: coarse stage on every core with the journal,
// report, refined fine stage, report. Prints the reports as JSON on stdout. Running it again
// resumes from the journal.
import {
  categorical,
  createStudy,
  divergence,
  formatStageReport,
  logUniform,
  spaceToJSON,
  type StageReport,
} from '@fanin/search';
import { journalStorage, processPool } from '@fanin/search/node';

const [journal] = process.argv.slice(2);
const loader = new URL('../support/register-source.mjs', import.meta.url).pathname;

const storage = await journalStorage(journal!);
const pool = processPool({
  module: new URL('../objectives/mlp.ts', import.meta.url),
  export: 'objective',
  execArgv: ['--import', loader],
});

const coarse = await createStudy({
  storage,
  name: 'mlp',
  seed: 7,
  epochs: 2,
  pruner: divergence(),
  space: {
    learningRate: logUniform(1e-4, 2e-2),
    weightDecay: logUniform(1e-6, 1e-2),
    activation: categorical(['relu', 'tanh', 'elu']),
    initializer: categorical(['heNormal', 'glorotNormal']),
  },
});
const coarseSummary = await coarse.optimize(pool, {
  trials: 16,
  onTrialEnd: (t) => console.error(`coarse trial ${t.number}: ${t.state} ${t.value ?? t.reason}`),
});
// The coarse learning-rate range stops below the rates that work best in 2 epochs, so the best
// trials crowd its top: the report warns, and the next stage widens that side. A 10% edge
// zone (the default is 5%) keeps the warning independent of which of them wins.
const coarseReport = await coarse.report({ edge: 0.1 });
console.error(formatStageReport(coarseReport));

const fine = await coarse.nextStage({ epochs: 4 });
const fineSummary = await fine.optimize(pool, { trials: 8 });
const fineReport = await fine.report();
console.error(formatStageReport(fineReport));

await pool.close();
await storage.close();

const plain = (report: StageReport) => ({
  study: report.study,
  counts: report.counts,
  leaderboard: report.leaderboard,
  edges: report.edges,
  importance: report.importance,
  top: report.top.map((t) => t.number),
  refined: report.refined && spaceToJSON(report.refined),
  space: spaceToJSON(report.space),
});
console.log(
  JSON.stringify({
    coarseSummary,
    fineSummary,
    coarse: plain(coarseReport),
    fine: plain(fineReport),
    workers: pool.concurrency,
  }),
);
