import { describe, expect, it } from 'vitest';
import { categorical } from '../space/categorical.js';
import { logUniform } from '../space/log-uniform.js';
import { trialRecord } from '../testing/trial-record.js';
import { curves, studyToJSON, trialsToCsv } from './export.js';
import { leaderboard } from './leaderboard.js';
import { formatStageReport, stageReport } from './report.js';

const space = { lr: logUniform(1e-5, 1e-1), act: categorical(['relu', 'tanh']) };
const trials = [
  trialRecord(0, [2, 1.5], 'complete', { value: 1.5, params: { lr: 1e-3, act: 'relu' } }),
  trialRecord(1, [2, Number.NaN], 'pruned', { params: { lr: 9e-2, act: 'tanh' } }),
  trialRecord(2, [], 'failed', { params: { lr: 1e-4, act: 'relu' } }),
  trialRecord(3, [2, 0.5], 'complete', { value: 0.5, params: { lr: 9.5e-2, act: 'tanh' } }),
  trialRecord(4, [2, 1], 'complete', { value: 1, params: { lr: 2e-2, act: 'relu' } }),
];

describe('results', () => {
  it('ranks completed trials', () => {
    expect(leaderboard(trials, 'minimize').map((r) => [r.rank, r.number, r.value])).toEqual([
      [1, 3, 0.5],
      [2, 4, 1],
      [3, 0, 1.5],
    ]);
    expect(leaderboard(trials, 'maximize', { top: 1 })[0]!.number).toBe(0);
  });

  it('reports a stage: counts, best, warnings, refined space, as text', () => {
    const report = stageReport({ name: 'coarse', space, direction: 'minimize' }, trials);
    expect(report.counts).toEqual({
      running: 0,
      complete: 3,
      pruned: 1,
      failed: 1,
      waiting: 0,
      total: 5,
    });
    expect(report.best!.number).toBe(3);
    expect(report.top.map((t) => t.number)).toEqual([3, 4, 0]);
    expect(report.edges.map((e) => e.parameter)).toEqual(['lr']);
    expect((report.refined!.lr!.toJSON() as unknown as { high: number }).high).toBeGreaterThan(0.1);
    const text = formatStageReport(report);
    expect(text).toContain('Study "coarse" (minimize): 5 trials, 3 complete, 1 pruned, 1 failed');
    expect(text).toContain('! lr: the best value 0.095 (trial 3) is at the high edge');
    expect(text).toMatch(/lr: logUniform\(1e-5, 0\.1\) -> logUniform\(/);
    expect(text).toContain('act: categorical(["relu","tanh"])');
  });

  it('exports CSV with quoting and a column per parameter', () => {
    const csv = trialsToCsv([{ ...trials[0]!, reason: 'a, "b"' }, trials[1]!], { space }).split(
      '\n',
    );
    expect(csv[0]).toBe(
      'number,state,value,attempt,seconds,started,completed,reason,param.lr,param.act',
    );
    expect(csv[1]).toBe('0,complete,1.5,1,,,,"a, ""b""",0.001,relu');
    expect(csv[2]).toBe('1,pruned,,1,,,,,0.09,tanh');
  });

  it('exports JSON-safe studies with curves', () => {
    const json = studyToJSON({ name: 'coarse', direction: 'minimize', space, seed: 1 }, trials);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.trials[1]!.curve).toEqual([
      [0, 2],
      [1, null],
    ]);
    expect(json.space).toEqual({
      lr: { type: 'logUniform', low: 1e-5, high: 0.1 },
      act: { type: 'categorical', choices: ['relu', 'tanh'] },
    });
    expect(curves(trials)[0]).toEqual([
      [0, 2],
      [1, 1.5],
    ]);
  });
});
