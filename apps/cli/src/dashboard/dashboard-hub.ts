import {
  type ChartView,
  type DashboardMeta,
  type DashboardSnapshot,
  type DashboardUpdate,
  EVENT,
  type TrialView,
} from '@fanin/dashboard';
import { dashboardCharts } from './dashboard-charts.js';
import type { DashboardModel } from './dashboard-model.js';

/** One server-sent event: its name and JSON data. */
export interface DashboardEvent {
  readonly event: (typeof EVENT)[keyof typeof EVENT];
  readonly data: string;
}

type Listener = (event: DashboardEvent) => void;

/**
 * The state every page is sent: the latest model read from the journal, and its listeners.
 * A page that connects gets a snapshot of the latest model; each later model is sent to
 * every page as an update holding the trials that changed since the one before (a trial
 * changes when a record about it is read: a reported epoch, its end), or as a new snapshot
 * after the journal was replaced.
 */
export class DashboardHub {
  private model: DashboardModel | undefined;
  private meta: DashboardMeta | undefined;
  private charts: ChartView[] = [];
  private chartsKey = '';
  private sent = new Map<string, string>();
  private readonly listeners = new Set<Listener>();
  private problem: string | undefined;

  /** The snapshot a page gets when it connects (undefined before the first read). */
  snapshot(): DashboardSnapshot | undefined {
    if (!this.model || !this.meta) return undefined;
    return {
      meta: this.meta,
      parameters: this.model.parameters,
      stages: this.model.stages,
      charts: this.charts,
      trials: this.model.trials,
    };
  }

  /** What a page that connects now is sent first. */
  initialEvents(): DashboardEvent[] {
    const snapshot = this.snapshot();
    const events: DashboardEvent[] = [];
    if (snapshot) events.push({ event: EVENT.snapshot, data: JSON.stringify(snapshot) });
    if (this.problem !== undefined)
      events.push({ event: EVENT.problem, data: JSON.stringify({ message: this.problem }) });
    return events;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Number of pages connected. */
  get pages(): number {
    return this.listeners.size;
  }

  /** Sends a new model: an update with the changed trials, or a snapshot when `reset`. */
  publish(model: DashboardModel, meta: DashboardMeta, reset: boolean): void {
    const chartsKey = JSON.stringify([model.parameters, model.objective, model.direction]);
    const chartsChanged = chartsKey !== this.chartsKey;
    if (chartsChanged) {
      this.charts = dashboardCharts(model.parameters, model.objective, model.direction);
      this.chartsKey = chartsKey;
    }
    const first = this.model === undefined;
    const changed: TrialView[] = [];
    const sent = new Map<string, string>();
    for (const trial of model.trials) {
      const text = JSON.stringify(trial);
      sent.set(trial.key, text);
      if (this.sent.get(trial.key) !== text) changed.push(trial);
    }
    const removed = [...this.sent.keys()].some((key) => !sent.has(key));
    this.sent = sent;
    this.model = model;
    this.meta = meta;
    if (first || reset || removed) {
      this.emit({ event: EVENT.snapshot, data: JSON.stringify(this.snapshot()) });
      return;
    }
    const update: DashboardUpdate = {
      meta,
      stages: model.stages,
      ...(chartsChanged ? { parameters: model.parameters, charts: this.charts } : {}),
      trials: changed,
    };
    this.emit({ event: EVENT.update, data: JSON.stringify(update) });
  }

  /** Tells every page (and every page that connects later) that the journal cannot be read. */
  fail(message: string): void {
    this.problem = message;
    this.emit({ event: EVENT.problem, data: JSON.stringify({ message }) });
  }

  private emit(event: DashboardEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
