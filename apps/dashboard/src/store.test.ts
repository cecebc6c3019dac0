import { describe, expect, it } from 'vitest';
import { formatNumber } from './dom.js';
import type { DashboardSnapshot, StageView, TrialView } from './protocol.js';
import { datasets } from './rows.js';
import { Store } from './store.js';

function stage(index: number, study: string): StageView {
  return {
    index,
    study,
    epochs: 2,
    space: [{ name: 'learningRate', range: 'pow10(-4, 0)' }],
    counts: { running: 0, complete: 1, pruned: 0, failed: 0, waiting: 0, total: 1 },
    best: null,
    leaderboard: [],
    warnings: [],
    importance: [{ parameter: 'learningRate', importance: 0.5, spearman: -0.2 }],
    next: null,
  };
}

function trial(stageIndex: number, number: number, changes: Partial<TrialView> = {}): TrialView {
  return {
    key: `${stageIndex}:${number}`,
    stage: stageIndex,
    number,
    state: 'running',
    value: null,
    params: { learningRate: 0.01 },
    reason: null,
    attempt: 1,
    curve: [[0, 1.5]],
    seconds: null,
    ...changes,
  };
}

const snapshot: DashboardSnapshot = {
  meta: {
    source: 'runs/x.jsonl',
    sweep: 'x',
    objective: 'val_loss',
    direction: 'minimize',
    writing: true,
    readAt: '2026-12-02T00:00:00.000Z',
    records: 10,
    version: '0.0.0',
  },
  parameters: [{ name: 'learningRate', numeric: true, log: true }],
  stages: [stage(0, 'x')],
  charts: [],
  trials: [
    trial(0, 1),
    trial(0, 0, {
      state: 'complete',
      value: 0.9,
      curve: [
        [0, 1.2],
        [1, 0.9],
      ],
    }),
  ],
};

describe('the page store', () => {
  it('applies updates in order: a changed trial replaces its old self, a new one is added', () => {
    const store = new Store();
    expect(store.reset(snapshot)).toEqual({ charts: true, trials: ['0:1', '0:0'] });
    const change = store.apply({
      meta: snapshot.meta,
      stages: [stage(0, 'x'), stage(1, 'x/stage-2')],
      trials: [
        trial(0, 1, {
          curve: [
            [0, 1.5],
            [1, 1.1],
          ],
        }),
        trial(1, 0),
      ],
    });
    expect(change).toEqual({ charts: false, trials: ['0:1', '1:0'] });
    expect(store.trials().map((t) => t.key)).toEqual(['0:0', '0:1', '1:0']);
    expect(store.trial('0:1')?.curve).toHaveLength(2);
    expect(store.trialLabel(store.trial('1:0')!)).toBe('stage 2 #0');
  });

  it('makes one chart row per trial and per reported epoch (epochs counted from 1)', () => {
    const store = new Store();
    store.reset(snapshot);
    const rows = datasets(store);
    expect(rows.trials).toEqual([
      expect.objectContaining({ key: '0:0', order: 1, stage: '1: x', label: '#0', value: 0.9 }),
      expect.objectContaining({
        key: '0:1',
        order: 2,
        state: 'running',
        'param:learningRate': 0.01,
      }),
    ]);
    expect(rows.curves!.map((row) => [row.key, row.step, row.value, row.running])).toEqual([
      ['0:0', 1, 1.2, 0],
      ['0:0', 2, 0.9, 0],
      ['0:1', 1, 1.5, 1],
    ]);
    expect(rows.importance).toEqual([
      { stage: '1: x', parameter: 'learningRate', importance: 0.5, spearman: -0.2 },
    ]);
  });

  it('formats numbers as the CLI does', () => {
    expect([0.123456, 1234.5, 2.5e-7, 0, null].map(formatNumber)).toEqual([
      '0.1235',
      '1235',
      '2.50e-7',
      '0',
      '–',
    ]);
  });
});
