import { describe, expect, it } from 'vitest';
import { StudyMismatchError, TrialPruned } from './errors.js';
import type { Executor } from './executor.js';
import { DEFAULT_RETRIES } from './study-options.js';
import { divergence } from './pruners/divergence.js';
import { grid } from './samplers/grid.js';
import { sobol } from './samplers/sobol.js';
import { categorical } from './space/categorical.js';
import { logUniform } from './space/log-uniform.js';
import { uniform } from './space/uniform.js';
import { inMemoryStorage } from './storage/memory-backend.js';
import { createStudy, loadStudy } from './create-study.js';

const space = { learningRate: logUniform(1e-5, 1e-1), activation: categorical(['relu', 'tanh']) };
const quadratic = (trial: { params: { learningRate: number } }) =>
  (Math.log10(trial.params.learningRate) + 3) ** 2;

describe('study.optimize', () => {
  it('runs the objective on sampled parameters and records the values', async () => {
    const study = await createStudy({ space, seed: 3 });
    const summary = await study.optimize(quadratic, { trials: 12 });
    expect(summary).toEqual({
      complete: 12,
      pruned: 0,
      failed: 0,
      rerun: 0,
      retried: 0,
      total: 12,
    });
    const trials = await study.trials();
    expect(trials.map((t) => t.number)).toEqual([...Array(12).keys()]);
    for (const t of trials)
      expect(t.value).toBe(quadratic({ params: t.params as { learningRate: number } }));
    const best = await study.bestTrial();
    expect(best!.value).toBe(Math.min(...trials.map((t) => t.value!)));
    expect(await study.bestParams()).toEqual(best!.params);
  });

  it('gives the same parameters per trial number whatever the concurrency and finishing order', async () => {
    const run = async (concurrency: number) => {
      const study = await createStudy({ space, seed: 9, sampler: sobol() });
      await study.optimize(
        async (trial) => {
          await new Promise((resolve) => setTimeout(resolve, (trial.number * 7) % 5));
          return quadratic(trial);
        },
        { trials: 10, concurrency },
      );
      return (await study.trials()).map((t) => [t.number, t.params, t.value]);
    };
    expect(await run(4)).toEqual(await run(1));
  });

  it('records failures and NaN with their reason and goes on', async () => {
    const study = await createStudy({ space });
    const summary = await study.optimize(
      (trial) => {
        if (trial.number === 1) throw new RangeError('bad shape');
        if (trial.number === 2) return Number.NaN;
        if (trial.number === 3) return 'oops' as unknown as number;
        return 1;
      },
      { trials: 5 },
    );
    expect(summary).toMatchObject({ complete: 2, failed: 3 });
    const trials = await study.trials();
    expect(trials.map((t) => [t.state, t.reason])).toEqual([
      ['complete', undefined],
      ['failed', 'RangeError: bad shape'],
      ['failed', 'the objective returned NaN'],
      ['failed', 'the objective returned "oops", not a number'],
      ['complete', undefined],
    ]);
  });

  it('prunes through shouldPrune (even when the objective returns afterwards) and TrialPruned', async () => {
    const study = await createStudy({ space, pruner: divergence() });
    await study.optimize(
      async (trial) => {
        await trial.report(0, 2);
        await trial.report(1, trial.number === 0 ? 7 : 1);
        if (trial.number === 0) {
          expect(await trial.shouldPrune()).toBe(true);
          return 0.001;
        }
        if (trial.number === 1) throw new TrialPruned('manual stop');
        expect(await trial.shouldPrune()).toBe(false);
        return 1;
      },
      { trials: 3 },
    );
    const trials = await study.trials();
    expect(trials.map((t) => t.state)).toEqual(['pruned', 'pruned', 'complete']);
    expect(trials[0]!.reason).toBe(
      'diverged: value 7 at step 1 is above 3 × the initial 2 (step 0)',
    );
    expect(trials[0]!.value).toBe(7);
    expect(trials[1]!.reason).toBe('manual stop');
    expect([...trials[2]!.intermediateValues]).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });

  it('keeps the first value of a step reported twice and validates reports', async () => {
    const study = await createStudy({ space });
    await study.optimize(
      async (trial) => {
        await trial.report(0, 1);
        await trial.report(0, 2);
        expect(() => trial.report(-1, 1)).toThrow(/step must be an integer >= 0/);
        expect(() => trial.report(1, '3' as never)).toThrow(/must be a number/);
        return 0;
      },
      { trials: 1 },
    );
    expect([...(await study.trials())[0]!.intermediateValues]).toEqual([[0, 1]]);
  });

  it('treats "trials" as the study total: a second call continues, never repeats', async () => {
    const storage = inMemoryStorage();
    const seen: number[] = [];
    const objective = (trial: { number: number }) => {
      seen.push(trial.number);
      return trial.number;
    };
    const first = await createStudy({ storage, name: 'budget', space });
    await first.optimize(objective, { trials: 4 });
    const again = await createStudy({ storage, name: 'budget', space });
    const summary = await again.optimize(objective, { trials: 6 });
    expect(summary.total).toBe(6);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await again.optimize(objective, { trials: 6 })).complete).toBe(0);
  });

  it('stops at the end of a grid', async () => {
    const study = await createStudy({
      space: { a: uniform(0, 1), b: categorical(['x', 'y']) },
      sampler: grid({ points: 3 }),
    });
    expect((await study.optimize(() => 0, { trials: 100 })).total).toBe(6);
  });

  it('re-runs trials a killed run left running, with the same numbers and parameters', async () => {
    const storage = inMemoryStorage();
    const killed = await createStudy({ storage, name: 'resume', space, seed: 5 });
    await killed.optimize(quadratic, { trials: 2 });
    const orphan = await killed.ask();
    await orphan.report(0, 123);
    // A new process opens the same journal: the asked trial was never told.
    const resumed = await createStudy({ storage, name: 'resume', space, seed: 5 });
    const runs: { number: number; attempt: number; params: object }[] = [];
    const summary = await resumed.optimize(
      (trial) => {
        runs.push({ number: trial.number, attempt: trial.attempt, params: trial.params });
        return quadratic(trial);
      },
      { trials: 4 },
    );
    expect(summary.rerun).toBe(1);
    expect(runs.map((r) => [r.number, r.attempt])).toEqual([
      [2, 2],
      [3, 1],
    ]);
    expect(runs[0]!.params).toEqual(orphan.params);
    const trials = await resumed.trials();
    expect(trials.map((t) => t.state)).toEqual(['complete', 'complete', 'complete', 'complete']);
    expect(trials[2]!.intermediateValues.size).toBe(0);
  });

  it('can fail interrupted trials instead', async () => {
    const storage = inMemoryStorage();
    const first = await createStudy({ storage, name: 'i', space });
    await first.ask();
    const second = await createStudy({ storage, name: 'i', space });
    await second.optimize(() => 1, { trials: 2, interrupted: 'fail' });
    const trials = await second.trials();
    expect(trials.map((t) => [t.state, t.reason])).toEqual([
      ['failed', 'interrupted: the sweep stopped before the trial finished'],
      ['complete', undefined],
    ]);
  });

  it('can leave interrupted trials to someone else', async () => {
    const storage = inMemoryStorage();
    const first = await createStudy({ storage, name: 'ignored', space });
    await first.ask();
    const second = await createStudy({ storage, name: 'ignored', space });
    const summary = await second.optimize(() => 1, { trials: 3, interrupted: 'ignore' });
    expect(summary).toMatchObject({ complete: 2, rerun: 0, total: 3 });
    expect((await second.trials()).map((t) => t.state)).toEqual([
      'running',
      'complete',
      'complete',
    ]);
  });

  it('retries a crashed trial up to `retries` times, then fails it with the reason', async () => {
    const attempts: number[] = [];
    const flaky: Executor = {
      concurrency: 1,
      async run(job) {
        attempts.push(job.number * 10 + job.attempt);
        if (job.number === 0 && job.attempt < 3)
          return {
            kind: 'crashed',
            reason: 'worker process 1 was killed by SIGKILL during trial 0',
          };
        if (job.number === 1) return { kind: 'crashed', reason: 'out of memory' };
        return { kind: 'returned', value: 1 };
      },
    };
    const study = await createStudy({ space });
    const summary = await study.optimize(flaky, { trials: 2, retries: 2 });
    expect(attempts).toEqual([1, 2, 3, 11, 12, 13]);
    expect(summary).toMatchObject({ complete: 1, failed: 1, retried: 4 });
    const trials = await study.trials();
    expect(trials[0]!.state).toBe('complete');
    expect(trials[1]!.reason).toBe('out of memory (gave up after 3 crashed attempts; retries: 2)');
  });

  it('retries a crashed trial by default (a crash is not a result), with a true count', async () => {
    expect(DEFAULT_RETRIES).toBe(2);
    const attempts: number[] = [];
    const dying: Executor = {
      concurrency: 1,
      async run(job) {
        attempts.push(job.attempt);
        if (job.attempt === 1) return { kind: 'crashed', reason: 'killed by SIGKILL' };
        return { kind: 'returned', value: 1 };
      },
    };
    const study = await createStudy({ space });
    const summary = await study.optimize(dying, { trials: 1 });
    expect(attempts).toEqual([1, 2]);
    expect(summary).toMatchObject({ complete: 1, failed: 0, retried: 1 });

    const once = await createStudy({ space, name: 'no retries' });
    await once.optimize(
      { concurrency: 1, run: async () => ({ kind: 'crashed', reason: 'killed' }) },
      {
        trials: 1,
        retries: 0,
      },
    );
    expect((await once.trials())[0]!.reason).toBe(
      'killed (gave up after 1 crashed attempt; retries: 0)',
    );
  });
});

describe('ask and tell', () => {
  it('drives a study from outside', async () => {
    const study = await createStudy({ space, seed: 1 });
    const a = await study.ask();
    const b = await study.ask();
    expect([a.number, b.number]).toEqual([0, 1]);
    expect(a.params).toEqual(study.paramsFor(0));
    await study.tell(b, { state: 'pruned', reason: 'too slow' });
    const told = await study.tell(a, 0.5);
    expect(told.state).toBe('complete');
    await expect(study.tell(a, 1)).rejects.toThrow(/already complete/);
    const trials = await study.trials();
    expect(trials.map((t) => [t.state, t.value, t.reason])).toEqual([
      ['complete', 0.5, undefined],
      ['pruned', undefined, 'too slow'],
    ]);
    const failed = await study.ask();
    await study.tell(failed.id, { state: 'failed', reason: 'OOM' });
    expect((await study.trials())[2]!.reason).toBe('OOM');
  });

  it('suggests define-by-run parameters deterministically and journals them', async () => {
    const study = await createStudy({ space, seed: 4 });
    const trial = await study.ask();
    const momentum = await trial.suggest('momentum', uniform(0, 0.99));
    expect(await trial.suggest('momentum', uniform(0, 0.99))).toBe(momentum);
    await expect(trial.suggest('momentum', uniform(0, 0.5))).rejects.toThrow(
      /another distribution/,
    );
    await expect(trial.suggest('learningRate', uniform(0, 1))).rejects.toThrow(
      /in the study's space/,
    );
    await study.tell(trial, 1);
    expect((await study.trials())[0]!.params.momentum).toBe(momentum);
    const other = await createStudy({ space, seed: 4, name: 'other' });
    expect(await (await other.ask()).suggest('momentum', uniform(0, 0.99))).toBe(momentum);
  });
});

describe('resuming by name', () => {
  it('refuses a changed fingerprint or pruner before any trial runs, naming what changed', async () => {
    const storage = inMemoryStorage();
    const fingerprint = {
      model: { layers: [{ dense: 100 }, { dense: 10 }] },
      training: { train: 1000, batchSize: 64 },
      objective: 'val_loss',
    };
    const first = await createStudy({
      storage,
      name: 's',
      space,
      fingerprint,
      pruner: divergence(),
    });
    await first.optimize(() => 1, { trials: 2 });
    const again = (changes: object, pruner = divergence()) =>
      createStudy({
        storage,
        name: 's',
        space,
        fingerprint: { ...fingerprint, ...changes },
        pruner,
      });
    await expect(again({ training: { train: 200, batchSize: 64 } })).rejects.toThrow(
      'study "s" exists with a different training.train: stored 1000, given 200',
    );
    await expect(again({ model: { layers: [{ dense: 50 }, { dense: 10 }] } })).rejects.toThrow(
      /different model\.layers\[0\]\.dense: stored 100, given 50/,
    );
    await expect(again({}, divergence({ ratio: 5 }))).rejects.toThrow(
      /different pruner\.ratio: stored 3, given 5/,
    );
    await expect(createStudy({ storage, name: 's', space, pruner: divergence() })).rejects.toThrow(
      /different fingerprint: stored \{.*\}, given null/,
    );
    expect((await first.trials()).length).toBe(2);
    const same = await again({});
    expect((await same.nextStage()).fingerprint).toEqual(fingerprint);
  });

  it('refuses to mix experiments: other space, seed, sampler, epochs or direction', async () => {
    const storage = inMemoryStorage();
    await createStudy({ storage, name: 's', space, seed: 1, epochs: 2 });
    await expect(createStudy({ storage, name: 's', space, seed: 2, epochs: 2 })).rejects.toThrow(
      StudyMismatchError,
    );
    await expect(createStudy({ storage, name: 's', space, seed: 1, epochs: 3 })).rejects.toThrow(
      /different epochs/,
    );
    await expect(
      createStudy({
        storage,
        name: 's',
        space: { learningRate: logUniform(1e-5, 1) },
        seed: 1,
        epochs: 2,
      }),
    ).rejects.toThrow(/different space/);
    await expect(
      createStudy({ storage, name: 's', space, seed: 1, epochs: 2, sampler: sobol() }),
    ).rejects.toThrow(/different sampler/);
    await expect(
      createStudy({ storage, name: 's', space, seed: 1, epochs: 2, direction: 'maximize' }),
    ).rejects.toThrow(/different direction/);
    await expect(
      createStudy({ storage, name: 's', space, seed: 1, epochs: 2 }),
    ).resolves.toBeDefined();
  });

  it('loads a study with its stored space and sampler', async () => {
    const storage = inMemoryStorage();
    const original = await createStudy({
      storage,
      name: 'l',
      space,
      seed: 8,
      sampler: sobol({ scramble: 'shift' }),
      epochs: 3,
    });
    await original.optimize(quadratic, { trials: 3 });
    const loaded = await loadStudy({ storage, name: 'l' });
    expect(loaded.sampler.config).toEqual({ type: 'sobol', scramble: 'shift' });
    expect(loaded.epochs).toBe(3);
    expect(loaded.paramsFor(7)).toEqual(original.paramsFor(7));
    await expect(loadStudy({ storage, name: 'nope' })).rejects.toThrow(
      /no study "nope".*Studies: "l"/,
    );
  });

  it('validates its options', async () => {
    await expect(createStudy({ space: {} })).rejects.toThrow(/space: has no parameters/);
    await expect(createStudy({ space, seed: -1 })).rejects.toThrow(
      /"seed" must be an integer >= 0/,
    );
    await expect(createStudy({ space, epochs: 0 })).rejects.toThrow(
      /"epochs" must be an integer >= 1/,
    );
    const study = await createStudy({ space });
    await expect(study.optimize(() => 1, { trials: -1 })).rejects.toThrow(
      /"trials" must be an integer >= 0/,
    );
  });
});
