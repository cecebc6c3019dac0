import {
  currentBackend,
  type InputOptions,
  type OptionsShape,
  type Registry,
  type ResolvedOptions,
  ready,
  resolveOptions,
} from '@fanin/core';
import { ExperimentAbortedError } from './errors.js';
import type { Plot } from './plot.js';
import { defaultRegistry } from './registry.js';

/** What `onProgress` receives: how far an experiment is in its current stage. */
export interface ProgressEvent {
  /** The experiment's name ("batchNormComparison"). */
  readonly experiment: string;
  /** What it is doing now ("train", "coarse", "gradcheck"...). */
  readonly stage: string;
  /** Units of work finished in this stage, out of `total`. */
  readonly done: number;
  readonly total: number;
  /** What just finished, in a few words ("scale 0.01 with batchNorm: val_accuracy 0.87"). */
  readonly message?: string;
}

/** What an experiment run takes besides its JSON config. */
export interface RunContext {
  /**
   * Where registry names in the config are looked up. Default: every fanin plugin
   * (see `defaultRegistry`). Pass one with your own plugins to use their entries by name.
   */
  readonly registry?: Registry;
  /** Called as work gets done (synchronously; keep it cheap). */
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * Aborting stops the experiment at the next step or trial boundary; `run` then rejects with an
   * `ExperimentAbortedError`.
   */
  readonly signal?: AbortSignal;
}

/** The fields every experiment result starts with. */
export interface ExperimentResult<N extends string = string, C = Record<string, unknown>> {
  readonly experiment: N;
  /** The config the experiment ran with, every default filled in (run it again to reproduce). */
  readonly config: C;
  /** The tfjs backend the numbers were computed on ("wasm", "cpu", "webgl"). */
  readonly backend: string;
  /** Vega-Lite v5 specs with their data inlined. */
  readonly plots: readonly Plot[];
}

/** What an experiment's body receives: the registry, progress reporting and abort checks. */
export interface ExperimentSession {
  readonly experiment: string;
  readonly registry: Registry;
  readonly signal: AbortSignal | undefined;
  /** Reports progress of a stage. */
  progress(stage: string, done: number, total: number, message?: string): void;
  /** Throws `ExperimentAbortedError` when the signal is aborted. */
  checkAbort(stage: string): void;
}

/** An experiment: its name, description, options (declared once) and the function that runs it. */
export interface ExperimentDefinition<
  N extends string = string,
  S extends OptionsShape = OptionsShape,
  R extends ExperimentResult<N> = ExperimentResult<N>,
  X extends RunContext = RunContext,
> {
  readonly name: N;
  /** One sentence, for `fanin experiments --help` and the docs. */
  readonly description: string;
  /** The config's options: validation, defaults, CLI flags and JSON Schema come from here. */
  readonly options: S;
  /** Whether the defaults run in a few seconds in a browser tab (docs demos). */
  readonly light: boolean;
  /**
   * A small config for a quick look: the CLI's default size and the tests' (the defaults
   * reproduce the classic setup, which `fanin experiments --full` runs).
   */
  readonly quick: InputOptions<S>;
  /** Validates the config, waits for the backend (`ready()`), runs the experiment. */
  run(config?: InputOptions<S>, context?: X): Promise<R>;
}

/** The config without the optional options left out (so that it is plain JSON). */
function withoutUndefined<T extends Record<string, unknown>>(config: T): T {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as T;
}

/** The subject of an experiment's option errors: `experiment "symmetry"`. */
export function experimentSubject(name: string): string {
  return `experiment "${name}"`;
}

/**
 * Declares an experiment. `body` gets the validated config with defaults filled in and a
 * session; it returns the experiment's data and plots, to which the config, the experiment
 * name and the backend are added.
 */
export function defineExperiment<
  const N extends string,
  const S extends OptionsShape,
  D extends { readonly plots: readonly Plot[] },
  X extends RunContext = RunContext,
>(definition: {
  readonly name: N;
  readonly description: string;
  readonly options: S;
  readonly light: boolean;
  readonly quick: InputOptions<S>;
  readonly body: (config: ResolvedOptions<S>, session: ExperimentSession, context: X) => Promise<D>;
}): ExperimentDefinition<N, S, ExperimentResult<N, ResolvedOptions<S>> & D, X> {
  const { name, body } = definition;
  resolveOptions(definition.options, definition.quick, `${experimentSubject(name)} quick config`);
  return Object.freeze({
    name,
    description: definition.description,
    options: definition.options,
    light: definition.light,
    quick: definition.quick,
    async run(config?: InputOptions<S>, context: X = {} as X) {
      const resolved = resolveOptions(definition.options, config, experimentSubject(name));
      const registry = context.registry ?? defaultRegistry();
      const session: ExperimentSession = {
        experiment: name,
        registry,
        signal: context.signal,
        progress(stage, done, total, message) {
          context.onProgress?.({
            experiment: name,
            stage,
            done,
            total,
            ...(message !== undefined ? { message } : {}),
          });
        },
        checkAbort(stage) {
          if (context.signal?.aborted) throw new ExperimentAbortedError(name, stage);
        },
      };
      session.checkAbort('start');
      await ready();
      const data = await body(resolved, session, context);
      return {
        experiment: name,
        config: withoutUndefined(resolved),
        backend: currentBackend() ?? 'unknown',
        ...data,
      };
    },
  });
}
