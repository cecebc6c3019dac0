// Writes fixtures/fanin-written.jsonl: a journal written by fanin's public API (createStudy
// over the journal file, a coarse stage and its refined fine stage), which
// scripts/optuna_reads_fanin.py then loads with Optuna's own JournalStorage. Run from
// packages/search:
//   node --import ./test/support/register-source.mjs scripts/fanin-journal.ts
// The tests (src/storage/fanin-written.test.ts) run the same generator into a temporary
// directory and compare record by record with the committed fixture, so a change to what
// fanin writes fails there until the fixture is regenerated and read by Optuna again.
//
// Everything but `worker_id` (fixed here) and the datetimes is deterministic: the random
// sampler is a function of (seed, trial number), the objective is a formula, and the trials
// run one at a time, so the median pruner sees the same finished trials every run.
import { realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  anyOf,
  categorical,
  createStudy,
  divergence,
  inProcess,
  int,
  median,
  pow10,
  type TrialHandle,
  uniform,
} from '@fanin/search';
import { journalStorage } from '@fanin/search/node';

/** The worker id the fixture is written with (Optuna writes `<uuid>-<thread id>`). */
export const FANIN_WRITTEN_WORKER_ID = 'fanin-written-fixture';

/** The study names in the journal: the coarse stage and the fine stage `nextStage` creates. */
export const FANIN_WRITTEN_STUDIES = ['fanin-written', 'fanin-written/stage-2'] as const;

type Params = { lr: number; width: number; act: 'relu' | 'tanh' | 'sigmoid'; momentum: number };

const ACTIVATION_COST = { relu: 0, tanh: 0.2, sigmoid: 0.5 } as const;

/**
 * A training-like objective: a loss curve falling towards a bowl in log10(lr), width and
 * the activation, one report per epoch. Trial 5 of the coarse stage throws (failed); a
 * learning rate above 0.03 diverges to NaN at its second epoch (the divergence pruner
 * stops it); the median pruner stops trials whose curve is above the median.
 */
async function objective(trial: TrialHandle<Params>): Promise<number> {
  const { lr, width, act, momentum } = trial.params;
  const epochs = trial.epochs ?? 3;
  await trial.setUserAttr('note', `trial ${trial.number}`);
  if (epochs === 3 && trial.number === 5) throw new Error('out of memory');
  const base =
    (Math.log10(lr) + 3) ** 2 + Math.abs(width - 32) / 32 + ACTIVATION_COST[act] + momentum / 10;
  const curve: { epoch: number[]; loss: number[] } = { epoch: [], loss: [] };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const loss = lr > 0.03 && epoch >= 1 ? Number.NaN : base + 1 / (epoch + 1);
    curve.epoch.push(epoch);
    curve.loss.push(loss);
    await trial.report(epoch, loss);
    if (await trial.shouldPrune()) break;
  }
  await trial.setUserAttr('learningCurve', curve);
  return base;
}

/** Writes the journal to `path` (replacing it) and returns the two studies' trial counts. */
export async function writeFaninJournal(
  path: string,
  options: { workerId?: string } = {},
): Promise<{ coarse: number; fine: number }> {
  await rm(path, { force: true });
  const storage = await journalStorage(path, {
    durability: 'none',
    workerId: options.workerId ?? FANIN_WRITTEN_WORKER_ID,
  });
  try {
    const coarse = await createStudy({
      storage,
      name: FANIN_WRITTEN_STUDIES[0],
      seed: 3,
      epochs: 3,
      pruner: anyOf([divergence(), median({ startupTrials: 4, warmupSteps: 1 })]),
      space: {
        lr: pow10(-5, -1),
        width: int(8, 64, { step: 8 }),
        act: categorical(['relu', 'tanh', 'sigmoid']),
        momentum: uniform(0, 0.9),
      },
    });
    await coarse.optimize(inProcess(objective), { trials: 14 });
    await storage.setStudyUserAttr(coarse.id, 'purpose', 'read by Optuna');
    const fine = await coarse.nextStage({ epochs: 5 });
    if (fine.name !== FANIN_WRITTEN_STUDIES[1])
      throw new Error(`the fine stage is named "${fine.name}", not "${FANIN_WRITTEN_STUDIES[1]}"`);
    await fine.optimize(inProcess(objective), { trials: 6 });
    return { coarse: (await coarse.trials()).length, fine: (await fine.trials()).length };
  } finally {
    await storage.close();
  }
}

const FIXTURE = fileURLToPath(new URL('../fixtures/fanin-written.jsonl', import.meta.url));

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const counts = await writeFaninJournal(FIXTURE);
  console.log(`wrote ${FIXTURE}: ${counts.coarse} coarse and ${counts.fine} fine trials`);
}
