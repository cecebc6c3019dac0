import { type Space, spaceToJSON } from '../space/space.js';
import type { Direction, JsonValue, TrialRecord } from '../storage/storage.js';
import { durationSeconds } from './leaderboard.js';

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Options of {@link trialsToCsv}. */
export interface CsvOptions {
  /** Orders the parameter columns like the space (others follow, sorted). */
  readonly space?: Space;
  /** User attributes to add as columns (JSON-encoded when not scalars). */
  readonly userAttrs?: readonly string[];
}

/**
 * One row per trial: number, state, value, attempt, seconds, started, completed, reason,
 * then a `param.<name>` column per parameter and `attr.<key>` per requested user attribute.
 * RFC 4180 quoting; empty cells for missing values; NaN written as NaN.
 */
export function trialsToCsv(trials: readonly TrialRecord[], options: CsvOptions = {}): string {
  const fromSpace = options.space ? Object.keys(options.space) : [];
  const others = [...new Set(trials.flatMap((t) => Object.keys(t.params)))]
    .filter((name) => !fromSpace.includes(name))
    .sort();
  const params = [...fromSpace, ...others];
  const attrs = options.userAttrs ?? [];
  const header = [
    'number',
    'state',
    'value',
    'attempt',
    'seconds',
    'started',
    'completed',
    'reason',
    ...params.map((p) => `param.${p}`),
    ...attrs.map((a) => `attr.${a}`),
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const t of [...trials].sort((a, b) => a.number - b.number)) {
    lines.push(
      [
        t.number,
        t.state,
        t.value,
        t.attempt,
        durationSeconds(t),
        t.startedAt?.toISOString(),
        t.completedAt?.toISOString(),
        t.reason,
        ...params.map((p) => t.params[p]),
        ...attrs.map((a) => t.userAttrs[a]),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A trial as plain JSON (NaN and Infinity become null, as JSON.stringify would write them). */
export interface TrialJson {
  readonly number: number;
  readonly state: string;
  readonly value: number | null;
  readonly attempt: number;
  readonly params: Record<string, JsonValue>;
  /** The learning curve: [step, value] pairs in step order. */
  readonly curve: [number, number | null][];
  readonly userAttrs: Record<string, JsonValue>;
  readonly reason: string | null;
  readonly started: string | null;
  readonly completed: string | null;
}

const finiteOrNull = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? null : value;

/** A trial as plain JSON, with its curve. */
export function trialToJSON(trial: TrialRecord): TrialJson {
  return {
    number: trial.number,
    state: trial.state,
    value: finiteOrNull(trial.value),
    attempt: trial.attempt,
    params: { ...trial.params },
    curve: [...trial.intermediateValues].map(([step, value]) => [step, finiteOrNull(value)]),
    userAttrs: { ...trial.userAttrs },
    reason: trial.reason ?? null,
    started: trial.startedAt?.toISOString() ?? null,
    completed: trial.completedAt?.toISOString() ?? null,
  };
}

/** A whole study as plain JSON: settings, then every trial with its curve. */
export function studyToJSON(
  study: {
    readonly name: string;
    readonly direction: Direction;
    readonly space?: Space;
    readonly seed?: number;
  },
  trials: readonly TrialRecord[],
) {
  return {
    name: study.name,
    direction: study.direction,
    ...(study.space ? { space: spaceToJSON(study.space) } : {}),
    ...(study.seed !== undefined ? { seed: study.seed } : {}),
    trials: [...trials].sort((a, b) => a.number - b.number).map(trialToJSON),
  };
}

/** Learning curves by trial number: [step, value] pairs. */
export function curves(trials: readonly TrialRecord[]): Record<number, [number, number][]> {
  return Object.fromEntries(trials.map((t) => [t.number, [...t.intermediateValues]]));
}
