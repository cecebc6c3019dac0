import {
  currentBackend,
  type InputOptions,
  type OptionsShape,
  type Registry,
  type ResolvedOptions,
  ready,
  resolveOptions,
} from '@fanin/core';
import { StudyAbortedError } from './errors.js';
import type { Plot } from './plot.js';
import { defaultRegistry } from './registry.js';

/** What `onProgress` receives: how far a study is in its current stage. */
export interface ProgressEvent {
  /** The study's name ("batchNormComparison"). */
  readonly study: string;
  /** What it is doing now ("train", "coarse", "gradcheck"...). */
  readonly stage: string;
  /** Units of work finished in this stage, out of `total`. */
  readonly done: number;
  readonly total: number;
  /** What just finished, in a few words ("scale 0.01 with batchNorm: val_accuracy 0.87"). */
  readonly message?: string;
}

/** What a study run takes besides its JSON config. */
export interface RunContext {
  /**
   * Where registry names in the config are looked up. Default: every fanin plugin
   * (see `defaultRegistry`). Pass one with your own plugins to use their entries by name.
   */
  readonly registry?: Registry;
  /** Called as work gets done (synchronously; keep it cheap). */
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * Aborting stops the study at the next step or trial boundary; `run` then rejects with a
   * `StudyAbortedError`.
   */
  readonly signal?: AbortSignal;
}

/** The fields every study result starts with. */
export interface StudyResult<N extends string = string, C = Record<string, unknown>> {
  readonly study: N;
  /** The config the study ran with, every default filled in (run it again to reproduce). */
  readonly config: C;
  /** The tfjs backend the numbers were computed on ("wasm", "cpu", "webgl"). */
  readonly backend: string;
  /** Vega-Lite v5 specs with their data inlined. */
  readonly plots: readonly Plot[];
}

/** What a study's body receives: the registry, progress reporting and abort checks. */
export interface StudySession {
  readonly study: string;
  readonly registry: Registry;
  readonly signal: AbortSignal | undefined;
  /** Reports progress of a stage. */
  progress(stage: string, done: number, total: number, message?: string): void;
  /** Throws `StudyAbortedError` when the signal is aborted. */
  checkAbort(stage: string): void;
}

/** A study: its name, description, options (declared once) and the function that runs it. */
export interface StudyDefinition<
  N extends string = string,
  S extends OptionsShape = OptionsShape,
  R extends StudyResult<N> = StudyResult<N>,
  X extends RunContext = RunContext,
> {
  readonly name: N;
  /** One sentence, for `fanin study --help` and the docs. */
  readonly description: string;
  /** The config's options: validation, defaults, CLI flags and JSON Schema come from here. */
  readonly options: S;
  /** Whether the defaults run in a few seconds in a browser tab (docs demos). */
  readonly light: boolean;
  /**
   * A small config for a quick look: the CLI's default size and the tests' (the defaults
   * reproduce the classic setup, which `fanin study --full` runs).
   */
  readonly quick: InputOptions<S>;
  /** Validates the config, waits for the backend (`ready()`), runs the study. */
  run(config?: InputOptions<S>, context?: X): Promise<R>;
}

/** The config without the optional options left out (so that it is plain JSON). */
function withoutUndefined<T extends Record<string, unknown>>(config: T): T {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as T;
}

/** The subject of a study's option errors: `study "symmetry"`. */
export function studySubject(name: string): string {
  return `study "${name}"`;
}

/**
 * Declares a study. `body` gets the validated config with defaults filled in and a session;
 * it returns the study's data and plots, to which the config, the study name and the backend
 * are added.
 */
export function defineStudy<
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
  readonly body: (config: ResolvedOptions<S>, session: StudySession, context: X) => Promise<D>;
}): StudyDefinition<N, S, StudyResult<N, ResolvedOptions<S>> & D, X> {
  const { name, body } = definition;
  resolveOptions(definition.options, definition.quick, `${studySubject(name)} quick config`);
  return Object.freeze({
    name,
    description: definition.description,
    options: definition.options,
    light: definition.light,
    quick: definition.quick,
    async run(config?: InputOptions<S>, context: X = {} as X) {
      const resolved = resolveOptions(definition.options, config, studySubject(name));
      const registry = context.registry ?? defaultRegistry();
      const session: StudySession = {
        study: name,
        registry,
        signal: context.signal,
        progress(stage, done, total, message) {
          context.onProgress?.({
            study: name,
            stage,
            done,
            total,
            ...(message !== undefined ? { message } : {}),
          });
        },
        checkAbort(stage) {
          if (context.signal?.aborted) throw new StudyAbortedError(name, stage);
        },
      };
      session.checkAbort('start');
      await ready();
      const data = await body(resolved, session, context);
      return {
        study: name,
        config: withoutUndefined(resolved),
        backend: currentBackend() ?? 'unknown',
        ...data,
      };
    },
  });
}
