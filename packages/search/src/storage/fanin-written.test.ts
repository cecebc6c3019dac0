// Optuna as the judge of fanin's journal. scripts/fanin-journal.ts writes
// fixtures/fanin-written.jsonl through fanin's public API; scripts/optuna_reads_fanin.py
// loaded it with Optuna 3.1's own JournalStorage and committed what Optuna read
// (fixtures/fanin-written.optuna-summary.json). These tests check that fanin reads the
// journal as Optuna does, that today's writer still writes what Optuna read, and that every
// field Optuna's reader needs is there.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FANIN_WRITTEN_STUDIES,
  FANIN_WRITTEN_WORKER_ID,
  writeFaninJournal,
} from '../../scripts/fanin-journal.js';
import { loadStudy } from '../create-study.js';
import { journalStorage } from '../node/journal-storage.js';
import { JournalOperation, type JournalRecord, OPTUNA_STATE } from './journal.js';
import { optunaDistributionJson } from './optuna-distribution.js';
import { parsePythonJson } from './python-json.js';
import type { TrialRecord } from './storage.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/fanin-written.jsonl', import.meta.url));
const CONTINUED = fileURLToPath(
  new URL('../../fixtures/fanin-written.optuna-continued.jsonl', import.meta.url),
);
const SUMMARY = fileURLToPath(
  new URL('../../fixtures/fanin-written.optuna-summary.json', import.meta.url),
);

interface OptunaTrial {
  number: number;
  state: 'COMPLETE' | 'PRUNED' | 'FAIL' | 'RUNNING' | 'WAITING';
  values: number[] | null;
  params: Record<string, unknown>;
  distributions: Record<string, { name: string; attributes: Record<string, unknown> }>;
  intermediate_values: Record<string, number>;
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
}

interface OptunaStudy {
  name: string;
  direction: 'MINIMIZE' | 'MAXIMIZE';
  user_attrs: Record<string, unknown>;
  system_attrs: Record<string, unknown>;
  trials: OptunaTrial[];
  best_trial: { number: number; value: number; params: Record<string, unknown> } | null;
}

interface OptunaSummary {
  optuna: string;
  studies: OptunaStudy[];
  continued_in_optuna: {
    works: boolean;
    study: string;
    trials_before: number;
    new_states?: string[];
    new_trials?: OptunaTrial[];
  }[];
}

// The summary holds NaN (intermediate values of diverged trials) as Python's json writes it.
const summary = parsePythonJson(readFileSync(SUMMARY, 'utf8')) as unknown as OptunaSummary;

const STATE_NAMES = {
  complete: 'COMPLETE',
  pruned: 'PRUNED',
  failed: 'FAIL',
  running: 'RUNNING',
  waiting: 'WAITING',
} as const;

function readRecords(path: string): JournalRecord[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => parsePythonJson(line) as JournalRecord);
}

const directories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'fanin-written-'));
  directories.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** The trial as Optuna's summary spells it, from what fanin read. */
function asOptuna(trial: TrialRecord) {
  return {
    number: trial.number,
    state: STATE_NAMES[trial.state],
    // Optuna's `values`: the objective for a complete trial; for a pruned one whatever the
    // state record carried (the last finite report, or null); none for a failed one.
    values: trial.value === undefined ? null : [trial.value],
    params: trial.params,
    intermediate_values: Object.fromEntries(
      [...trial.intermediateValues].map(([step, value]) => [String(step), value]),
    ),
    user_attrs: trial.userAttrs,
    system_attrs: trial.systemAttrs,
  };
}

describe("fanin's journal as Optuna read it", () => {
  it('was read by Optuna 3.1, which also continued both studies', () => {
    expect(summary.optuna).toBe('3.1.0');
    expect(summary.studies.map((study) => study.name)).toEqual([...FANIN_WRITTEN_STUDIES]);
    expect(summary.continued_in_optuna.map((entry) => [entry.study, entry.works])).toEqual(
      FANIN_WRITTEN_STUDIES.map((name) => [name, true]),
    );
    for (const entry of summary.continued_in_optuna)
      expect(entry.new_states).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE']);
  });

  it('reads field by field as Optuna read it: states, values, params, distributions, reports, attributes', async () => {
    const directory = temporaryDirectory();
    const copy = join(directory, 'fanin-written.jsonl');
    copyFileSync(FIXTURE, copy);
    const storage = await journalStorage(copy);
    try {
      expect((await storage.listStudies()).map((study) => study.name)).toEqual(
        summary.studies.map((study) => study.name),
      );
      for (const expected of summary.studies) {
        const study = await loadStudy({ storage, name: expected.name });
        const record = (await storage.getStudy(expected.name))!;
        expect(study.direction.toUpperCase()).toBe(expected.direction);
        expect(record.userAttrs).toEqual(expected.user_attrs);
        expect(record.systemAttrs).toEqual(expected.system_attrs);
        const trials = await study.trials();
        expect(trials.map(asOptuna)).toEqual(
          expected.trials.map(({ distributions: _distributions, ...trial }) => trial),
        );
        // Each trial's distributions are the ones Optuna read: as the journal holds them
        // (what fanin's replay keeps) and as fanin encodes the study's space.
        const space = study.space as Record<string, Parameters<typeof optunaDistributionJson>[0]>;
        const stored = await storage.paramDistributions(record.id);
        for (const trial of expected.trials) {
          expect(Object.keys(trial.distributions).sort()).toEqual(Object.keys(space).sort());
          for (const [name, distribution] of Object.entries(trial.distributions)) {
            expect(JSON.parse(stored[name]!), name).toEqual(distribution);
            expect(JSON.parse(optunaDistributionJson(space[name]!)), name).toEqual(distribution);
          }
        }
        const best = await study.bestTrial();
        expect(best && { number: best.number, value: best.value, params: best.params }).toEqual(
          expected.best_trial,
        );
      }
    } finally {
      await storage.close();
    }
  });

  it('covers what the fixture is for: log, step, choices, plain floats, every finished state, a stage', () => {
    const [coarse, fine] = summary.studies;
    const distributions = coarse!.trials[0]!.distributions;
    expect(distributions.lr).toMatchObject({
      name: 'FloatDistribution',
      attributes: { log: true },
    });
    expect(distributions.width).toMatchObject({ name: 'IntDistribution', attributes: { step: 8 } });
    expect(distributions.act).toMatchObject({ name: 'CategoricalDistribution' });
    expect(distributions.momentum).toMatchObject({ attributes: { log: false, step: null } });
    const states = summary.studies.flatMap((study) => study.trials.map((trial) => trial.state));
    expect(new Set(states)).toEqual(new Set(['COMPLETE', 'PRUNED', 'FAIL']));
    const reasons = coarse!.trials.map((trial) => String(trial.system_attrs['fanin:reason']));
    expect(reasons.some((reason) => reason.startsWith('divergence'))).toBe(true);
    expect(reasons.some((reason) => reason.startsWith('median'))).toBe(true);
    expect(fine!.system_attrs['fanin:study']).toMatchObject({ parent: coarse!.name, epochs: 5 });
  });
});

describe('the journal Optuna continued (fanin writes, Optuna appends, fanin reads)', () => {
  it("keeps fanin's records as they were and appends Optuna's", () => {
    const committed = readFileSync(FIXTURE, 'utf8');
    const continued = readFileSync(CONTINUED, 'utf8');
    expect(continued.startsWith(committed)).toBe(true);
    expect(continued.length).toBeGreaterThan(committed.length);
  });

  it("reads Optuna's new trials as Optuna wrote them, and fanin continues the study after them", async () => {
    const copy = join(temporaryDirectory(), 'continued.jsonl');
    copyFileSync(CONTINUED, copy);
    const storage = await journalStorage(copy);
    try {
      for (const entry of summary.continued_in_optuna) {
        const study = await loadStudy({ storage, name: entry.study });
        const trials = await study.trials();
        const read = summary.studies.find((item) => item.name === entry.study)!;
        expect(trials.slice(0, entry.trials_before).map(asOptuna)).toEqual(
          read.trials.map(({ distributions: _distributions, ...trial }) => trial),
        );
        expect(trials.slice(entry.trials_before).map(asOptuna)).toEqual(
          entry.new_trials!.map(({ distributions: _distributions, ...trial }) => trial),
        );
        const total = trials.length + 2;
        await study.optimize((trial) => trial.params.momentum as number, { trials: total });
        const after = await study.trials();
        expect(after.map((trial) => trial.number)).toEqual([...Array(total).keys()]);
        expect(after.slice(-2).map((trial) => trial.state)).toEqual(['complete', 'complete']);
      }
    } finally {
      await storage.close();
    }
  });
});

describe("fanin's journal writer today", () => {
  it('writes record by record what Optuna read (apart from worker ids and datetimes)', async () => {
    const path = join(temporaryDirectory(), 'fanin-written.jsonl');
    await writeFaninJournal(path, { workerId: 'another-worker' });
    const strip = (records: JournalRecord[]) =>
      records.map(({ worker_id: _worker, datetime_start, datetime_complete, ...rest }) => ({
        ...rest,
        ...(datetime_start === undefined ? {} : { datetime_start: 'datetime' }),
        ...(datetime_complete === undefined ? {} : { datetime_complete: 'datetime' }),
      }));
    const fresh = readRecords(path);
    const committed = readRecords(FIXTURE);
    expect(fresh.every((record) => record.worker_id === 'another-worker')).toBe(true);
    // Record by record, so a failure names the first record that changed; if fanin's
    // format changed on purpose, regenerate the fixture and run scripts/optuna_reads_fanin.py.
    const freshStripped = strip(fresh);
    strip(committed).forEach((record, index) => {
      expect(freshStripped[index], `record ${index + 1}`).toEqual(record);
    });
    expect(fresh.length).toBe(committed.length);
  });
});

describe("fanin's journal has every field Optuna's reader needs", () => {
  const records = readRecords(FIXTURE);
  // Optuna reads datetimes with datetime.fromisoformat: Python's isoformat, no zone.
  const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/;

  it('gives every record an op code Optuna knows and a worker id', () => {
    for (const record of records) {
      expect(Object.values(JournalOperation)).toContain(record.op_code);
      expect(record.worker_id).toBe(FANIN_WRITTEN_WORKER_ID);
    }
    const codes = new Set(records.map((record) => record.op_code));
    for (const operation of [
      JournalOperation.CREATE_STUDY,
      JournalOperation.SET_STUDY_USER_ATTR,
      JournalOperation.SET_STUDY_SYSTEM_ATTR,
      JournalOperation.CREATE_TRIAL,
      JournalOperation.SET_TRIAL_PARAM,
      JournalOperation.SET_TRIAL_STATE_VALUES,
      JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE,
      JournalOperation.SET_TRIAL_USER_ATTR,
      JournalOperation.SET_TRIAL_SYSTEM_ATTR,
    ])
      expect(codes, `op_code ${operation}`).toContain(operation);
  });

  it('writes the fields of each operation with the types Optuna reads', () => {
    for (const record of records) {
      const r = record as unknown as Record<string, unknown>;
      switch (record.op_code) {
        case JournalOperation.CREATE_STUDY:
          expect(typeof r.study_name).toBe('string');
          expect(r.directions).toEqual([1]);
          break;
        case JournalOperation.CREATE_TRIAL:
          expect(Number.isInteger(r.study_id)).toBe(true);
          expect(r.datetime_start).toMatch(ISO);
          break;
        case JournalOperation.SET_TRIAL_PARAM: {
          expect(Number.isInteger(r.trial_id)).toBe(true);
          expect(typeof r.param_name).toBe('string');
          expect(typeof r.param_value_internal).toBe('number');
          expect(typeof r.distribution).toBe('string');
          const distribution = JSON.parse(r.distribution as string);
          const keys = {
            FloatDistribution: ['high', 'log', 'low', 'step'],
            IntDistribution: ['high', 'log', 'low', 'step'],
            CategoricalDistribution: ['choices'],
          }[distribution.name as string];
          expect(keys, distribution.name).toBeDefined();
          expect(Object.keys(distribution.attributes).sort()).toEqual(keys);
          if (distribution.name !== 'CategoricalDistribution')
            expect(typeof distribution.attributes.log).toBe('boolean');
          // The space: pow10 is a log-scale float, int has its step, the rest as declared.
          expect(distribution).toMatchObject(
            {
              lr: { name: 'FloatDistribution', attributes: { log: true, step: null } },
              width: { name: 'IntDistribution', attributes: { log: false, step: 8 } },
              act: {
                name: 'CategoricalDistribution',
                attributes: { choices: ['relu', 'tanh', 'sigmoid'] },
              },
              momentum: { name: 'FloatDistribution', attributes: { log: false, step: null } },
            }[r.param_name as string]!,
          );
          break;
        }
        case JournalOperation.SET_TRIAL_STATE_VALUES: {
          expect(Object.values(OPTUNA_STATE)).toContain(r.state);
          const values = r.values as number[] | null;
          if (r.state === OPTUNA_STATE.complete) expect(values).toHaveLength(1);
          if (r.state === OPTUNA_STATE.failed) expect(values).toBeNull();
          // Optuna refuses NaN among a trial's values: a diverged pruned trial has none.
          for (const value of values ?? []) expect(Number.isFinite(value)).toBe(true);
          expect(r.datetime_complete).toMatch(ISO);
          break;
        }
        case JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE:
          expect(Number.isInteger(r.step)).toBe(true);
          expect(typeof r.intermediate_value).toBe('number');
          break;
        case JournalOperation.SET_TRIAL_USER_ATTR:
        case JournalOperation.SET_TRIAL_SYSTEM_ATTR:
        case JournalOperation.SET_STUDY_USER_ATTR:
        case JournalOperation.SET_STUDY_SYSTEM_ATTR: {
          const attr = r.user_attr ?? r.system_attr;
          expect(Object.keys(attr as object)).toHaveLength(1);
          break;
        }
      }
    }
  });

  it('marks the stage: the fine study names its parent and budget, and trials carry their curves', () => {
    const studies = records.filter(
      (record) => record.op_code === JournalOperation.SET_STUDY_SYSTEM_ATTR,
    );
    const settings = studies.map(
      (record) =>
        (record as unknown as { system_attr: Record<string, Record<string, unknown>> }).system_attr[
          'fanin:study'
        ]!,
    );
    expect(settings.map((setting) => [setting.parent, setting.epochs])).toEqual([
      [undefined, 3],
      ['fanin-written', 5],
    ]);
    const userAttrs = records
      .filter((record) => record.op_code === JournalOperation.SET_TRIAL_USER_ATTR)
      .flatMap((record) => Object.keys((record as unknown as { user_attr: object }).user_attr));
    expect(new Set(userAttrs)).toEqual(new Set(['note', 'learningCurve']));
    const reported = records.filter(
      (record) => record.op_code === JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE,
    );
    expect(
      reported.some((record) =>
        Number.isNaN((record as unknown as { intermediate_value: number }).intermediate_value),
      ),
    ).toBe(true);
  });
});
