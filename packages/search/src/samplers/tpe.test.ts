import { createRegistry } from '@fanin/core';
import { describe, expect, it } from 'vitest';
import { createStudy } from '../create-study.js';
import { inProcess } from '../executor.js';
import { search } from '../index.js';
import { categorical } from '../space/categorical.js';
import { int } from '../space/int.js';
import { logInt } from '../space/log-int.js';
import { logUniform } from '../space/log-uniform.js';
import { pow10 } from '../space/pow10.js';
import type { Space } from '../space/space.js';
import { uniform } from '../space/uniform.js';
import { inMemoryStorage } from '../storage/memory-backend.js';
import type { TrialRecord } from '../storage/storage.js';
import { samplerFromConfig } from './from-config.js';
import { random } from './random.js';
import type { Sampler } from './sampler.js';
import { tpe } from './tpe.js';
import { splitTrials } from './tpe-split.js';

const bowlSpace = { learningRate: logUniform(1e-6, 1e-1), weightDecay: logUniform(1e-8, 1e-2) };
/** A bowl in decades with its minimum 0 at learning rate 1e-3, weight decay 10^-5.5. */
const bowl = (p: { learningRate: number; weightDecay: number }) =>
  (Math.log10(p.learningRate) + 3) ** 2 + (Math.log10(p.weightDecay) + 5.5) ** 2;

async function bestOf(sampler: Sampler, seed: number, trials: number): Promise<number> {
  const study = await createStudy({ seed, sampler, space: bowlSpace });
  await study.optimize((trial) => bowl(trial.params), { trials });
  return (await study.bestTrial())!.value!;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function paramsByNumber(
  space: Space,
  sampler: Sampler,
  objective: (params: Record<string, unknown>, number: number) => number,
  options: { trials: number; concurrency: number; seed?: number },
) {
  const study = await createStudy({ seed: options.seed ?? 1, sampler, space });
  let inFlight = 0;
  let maxInFlight = 0;
  const finished: number[] = [];
  const startedAfter = new Map<number, number[]>();
  const executor = inProcess(
    async (trial) => {
      startedAfter.set(trial.number, [...finished]);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Trials take different times, so with 4 workers they finish out of order.
      await new Promise((resolve) => setTimeout(resolve, ((trial.number * 7) % 5) * 3));
      inFlight--;
      finished.push(trial.number);
      return objective(trial.params, trial.number);
    },
    { concurrency: options.concurrency },
  );
  await study.optimize(executor, { trials: options.trials });
  const trials = await study.trials();
  return { params: trials.map((t) => t.params), finished, startedAfter, maxInFlight, trials };
}

describe('tpe sampler', () => {
  it('beats random search on a log-scale bowl: median best after 60 trials over 5 seeds', async () => {
    const seeds = [0, 1, 2, 3, 4];
    const tpeBest = await Promise.all(seeds.map((seed) => bestOf(tpe(), seed, 60)));
    const randomBest = await Promise.all(seeds.map((seed) => bestOf(random(), seed, 60)));
    expect(median(tpeBest)).toBeLessThan(median(randomBest) / 2);
  });

  it('draws its startup trials exactly as the random sampler', async () => {
    const space = { x: uniform(0, 1), act: categorical(['a', 'b']) };
    const a = await paramsByNumber(space, tpe(), () => 0, { trials: 10, concurrency: 1 });
    const b = await paramsByNumber(space, random(), () => 0, { trials: 10, concurrency: 1 });
    expect(a.params).toEqual(b.params);
  });

  const mixed = {
    width: logInt(4, 256),
    layers: int(0, 20, { step: 4 }),
    dropout: uniform(0, 0.5),
    rate: pow10(-4, -1),
    activation: categorical(['relu', 'tanh', 'elu']),
  };
  /** Best at width 64, 8 layers, dropout 0.1, rate 1e-2 and tanh. */
  const mixedObjective = (p: Record<string, unknown>) =>
    Math.abs(Math.log2(p.width as number) - 6) +
    Math.abs((p.layers as number) - 8) / 4 +
    Math.abs((p.dropout as number) - 0.1) * 4 +
    Math.abs(Math.log10(p.rate as number) + 2) +
    (p.activation === 'tanh' ? 0 : 2);

  it('keeps every proposal in range and on the grid of integer and step parameters', async () => {
    for (const sampler of [tpe(), tpe({ multivariate: true })]) {
      const { trials } = await paramsByNumber(mixed, sampler, mixedObjective, {
        trials: 60,
        concurrency: 1,
      });
      for (const trial of trials) {
        for (const [name, distribution] of Object.entries(mixed))
          expect(distribution.contains(trial.params[name]), `${name} = ${trial.params[name]}`).toBe(
            true,
          );
      }
      const later = trials.slice(30).map((t) => t.params);
      // Trials 30-59 pick the good category and the good grid value far more often than
      // random's 1/3 and 1/6 (10 and 5 of 30); univariate gets 25 and 21, multivariate 16, 11.
      expect(later.filter((p) => p.activation === 'tanh').length).toBeGreaterThanOrEqual(15);
      expect(later.filter((p) => p.layers === 8).length).toBeGreaterThanOrEqual(10);
    }
  });

  it('gives the same proposals for the same seed and others for another seed', async () => {
    const run = (seed: number) =>
      paramsByNumber(mixed, tpe(), mixedObjective, { trials: 30, concurrency: 1, seed });
    const [first, again, other] = await Promise.all([run(5), run(5), run(6)]);
    expect(again.params).toEqual(first.params);
    expect(other.params.slice(10)).not.toEqual(first.params.slice(10));
  });

  it('gives trial k the same parameters with 1 and 4 concurrent workers', async () => {
    const sampler = tpe({ startupTrials: 5, lag: 2 });
    const one = await paramsByNumber(mixed, sampler, mixedObjective, {
      trials: 40,
      concurrency: 1,
    });
    const four = await paramsByNumber(mixed, sampler, mixedObjective, {
      trials: 40,
      concurrency: 4,
    });
    expect(four.maxInFlight).toBeGreaterThan(1);
    expect(four.finished).not.toEqual([...four.finished].sort((a, b) => a - b));
    expect(four.params).toEqual(one.params);
    // Trial k >= 5 started only after every trial below max(5, k - 2) had finished.
    for (const [number, before] of four.startedAfter) {
      const boundary = number < 5 ? 0 : Math.max(5, number - 2);
      for (let j = 0; j < boundary; j++) expect(before, `trial ${number}`).toContain(j);
    }
  });

  it('works for maximize as for minimize of the negated objective', async () => {
    const run = async (direction: 'minimize' | 'maximize') => {
      const study = await createStudy({ seed: 3, sampler: tpe(), space: bowlSpace, direction });
      await study.optimize((t) => (direction === 'minimize' ? 1 : -1) * bowl(t.params), {
        trials: 30,
      });
      return (await study.trials()).map((t) => t.params);
    };
    const [minimized, maximized] = await Promise.all([run('minimize'), run('maximize')]);
    expect(maximized).toEqual(minimized);
    const flipped = await createStudy({ seed: 3, sampler: tpe(), space: bowlSpace });
    await flipped.optimize((t) => -bowl(t.params), { trials: 30 });
    expect((await flipped.trials()).map((t) => t.params)).not.toEqual(minimized);
  });

  it('runs in every stage of a coarse-to-fine sweep, inside the stage’s ranges', async () => {
    const storage = inMemoryStorage();
    const coarse = await createStudy({
      storage,
      name: 'c2f',
      seed: 2,
      sampler: tpe(),
      space: bowlSpace,
    });
    await coarse.optimize((t) => bowl(t.params), { trials: 30 });
    const fine = await coarse.nextStage();
    expect(fine.sampler.name).toBe('tpe');
    await fine.optimize((t) => bowl(t.params), { trials: 25 });
    for (const trial of await fine.trials())
      for (const [name, distribution] of Object.entries(fine.space))
        expect(distribution.contains(trial.params[name])).toBe(true);
    expect((await fine.bestTrial())!.value!).toBeLessThanOrEqual(
      (await coarse.bestTrial())!.value!,
    );
  });

  it('refuses to ask for a trial whose history has not finished, in one line', async () => {
    const study = await createStudy({
      sampler: tpe({ startupTrials: 2, lag: 1 }),
      space: bowlSpace,
    });
    const asked = [await study.ask(), await study.ask()];
    await expect(study.ask()).rejects.toThrow(
      /^sampler "tpe": trial 2 is drawn from trials 0 to 1, and trials 0, 1 have not finished\. Tell them first$/,
    );
    await study.tell(asked[0]!, 1);
    await study.tell(asked[1]!, 2);
    await expect(study.ask()).resolves.toMatchObject({ number: 2 });
    await expect(study.ask()).resolves.toMatchObject({ number: 3 });
    expect(() => study.paramsFor(4)).toThrow(
      /sampler "tpe": trial 4 is drawn from the finished trials 0 to 2/,
    );
  });

  it('stops with one line when a trial it needs is running elsewhere', async () => {
    const storage = inMemoryStorage();
    const first = await createStudy({
      storage,
      name: 's',
      sampler: tpe({ startupTrials: 2 }),
      space: bowlSpace,
    });
    await first.ask(); // left running, as by a killed sweep
    const second = await createStudy({
      storage,
      name: 's',
      sampler: tpe({ startupTrials: 2 }),
      space: bowlSpace,
    });
    await expect(
      second.optimize((t) => bowl(t.params), { trials: 6, interrupted: 'ignore' }),
    ).rejects.toThrow(/trial 2 is drawn from trials 0 to 1, and trial 0 has not finished/);
  });

  it('is a registry entry with declared options', () => {
    const registry = createRegistry({ plugins: [search] });
    const sampler = registry.create('sampler', { type: 'tpe', lag: 1 }) as Sampler;
    expect(sampler.config).toEqual({
      type: 'tpe',
      startupTrials: 10,
      candidates: 24,
      gamma: 0.1,
      maxGoodTrials: 25,
      priorWeight: 1,
      multivariate: false,
      lag: 1,
    });
    expect(registry.create('sampler', 'tpe').name).toBe('tpe');
    expect(samplerFromConfig(sampler.config).config).toEqual(sampler.config);
    expect(() => tpe({ gamma: 0 })).toThrow(/sampler "tpe": option "gamma" must be a number > 0/);
  });
});

describe('good/bad split', () => {
  const trial = (
    number: number,
    state: TrialRecord['state'],
    value?: number,
    steps: [number, number][] = [],
  ): TrialRecord => ({
    id: number,
    number,
    studyId: 0,
    state,
    value,
    params: {},
    intermediateValues: new Map(steps),
    userAttrs: {},
    systemAttrs: {},
    startedAt: undefined,
    completedAt: undefined,
    reason: undefined,
    attempt: 1,
  });

  it('ranks complete trials, then pruned ones by progress, and puts failed ones with the bad', () => {
    const trials = [
      trial(0, 'complete', 5),
      trial(1, 'pruned', 0.1, [[1, 0.1]]),
      trial(2, 'complete', 3),
      trial(3, 'failed'),
      trial(4, 'pruned', 9, [[4, 9]]),
      trial(5, 'complete', 4),
      trial(6, 'pruned', undefined, [[4, Number.NaN]]),
    ];
    const numbers = (list: TrialRecord[]) => list.map((t) => t.number);
    // 6 ranked: ceil(0.5 · 6) = 3 good. Complete first (2, 5, 0): the pruned wait.
    let split = splitTrials(trials, { direction: 'minimize', gamma: 0.5, maxGoodTrials: 25 });
    expect(split.ranked).toBe(6);
    expect(numbers(split.good)).toEqual([0, 2, 5]);
    expect(numbers(split.bad)).toEqual([1, 3, 4, 6]);
    // 5 good: the pruned trial that reached step 4 with a number beats NaN and step 1.
    split = splitTrials(trials, { direction: 'minimize', gamma: 0.8, maxGoodTrials: 25 });
    expect(numbers(split.good)).toEqual([0, 2, 4, 5, 6]);
    split = splitTrials(trials, { direction: 'maximize', gamma: 0.2, maxGoodTrials: 25 });
    expect(numbers(split.good)).toEqual([0, 5]);
    split = splitTrials(trials, { direction: 'maximize', gamma: 1, maxGoodTrials: 1 });
    expect(numbers(split.good)).toEqual([0]);
  });
});
