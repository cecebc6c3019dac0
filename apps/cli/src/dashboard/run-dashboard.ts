import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DashboardMeta } from '@fanin/dashboard';
import { ConfigFileError, errorLine, RunFailedError, UsageError } from '../cli/errors.js';
import type { Output } from '../output/output.js';
import { VERSION } from '../version.js';
import { DashboardHub } from './dashboard-hub.js';
import { type DashboardModel, readDashboard } from './dashboard-model.js';
import { startDashboardServer } from './dashboard-server.js';
import type { JournalFeed } from './journal-feed.js';

/** Milliseconds between two rebuilds of the page's state while records keep coming. */
const SETTLE = 200;

/**
 * The folder of the page's built files: dist/dashboard/ next to the bundled CLI, or the
 * workspace's apps/dashboard/dist when the CLI runs from its sources.
 */
export function assetsDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'dashboard')];
  try {
    const manifest = createRequire(import.meta.url).resolve('@fanin/dashboard/package.json');
    candidates.push(join(dirname(manifest), 'dist'));
  } catch {
    // Not in the workspace: only the shipped copy can be there.
  }
  const found = candidates.find((folder) => existsSync(join(folder, 'index.html')));
  if (!found)
    throw new RunFailedError(
      `the dashboard page is missing (looked in ${candidates.join(', ')})`,
      'Build it: pnpm --filter @fanin/dashboard build, or reinstall @fanin/cli',
    );
  return found;
}

/** Options of {@link runDashboard}. */
export interface RunDashboardOptions {
  readonly feed: JournalFeed;
  /** Show only this sweep's stages (`<name>`, `<name>/stage-2` ...); default every study. */
  readonly sweep: string | undefined;
  readonly port: number;
  readonly output: Output;
  readonly signal: AbortSignal;
  /** Called with the page's address once it is served (the command prints it). */
  readonly onListening: (url: string) => void;
}

/** Trials running in every stage. */
function running(model: DashboardModel): number {
  return model.stages.reduce((sum, stage) => sum + stage.counts.running, 0);
}

function metaOf(feed: JournalFeed, model: DashboardModel): DashboardMeta {
  return {
    source: feed.source,
    sweep: model.sweep,
    objective: model.objective,
    direction: model.direction,
    writing: feed.writing(running(model)),
    readAt: new Date().toISOString(),
    records: feed.records,
    version: VERSION,
  };
}

/**
 * Serves the dashboard of a journal until `signal` aborts: reads the journal, serves the page
 * on 127.0.0.1, and on every change of the journal (or of its lock: a sweep starting or
 * ending) reads what was appended and sends the pages what changed. A journal that becomes
 * unreadable (a corrupt line) is reported to the pages and on stderr; the pages keep what
 * they had.
 */
export async function runDashboard(options: RunDashboardOptions): Promise<void> {
  const { feed, sweep, output, signal } = options;
  const hub = new DashboardHub();
  let shown: DashboardMeta | undefined;
  const refresh = async (reset: boolean) => {
    const model = await readDashboard(feed.storage, sweep);
    shown = metaOf(feed, model);
    hub.publish(model, shown, reset);
    return model;
  };
  let model = await refresh(false);
  /** Whether a sweep took or released the journal since the page was last told. */
  const writingChanged = () =>
    shown !== undefined && feed.writing(running(model)) !== shown.writing;
  if (model.stages.length === 0 && feed.records > 0) {
    const names = (await feed.storage.listStudies()).map((study) => `"${study.name}"`);
    if (sweep !== undefined)
      throw new UsageError(
        `no sweep "${sweep}" in ${feed.source}`,
        names.length > 0 ? `Studies: ${names.join(', ')}` : 'It holds no study yet',
      );
    if (names.length > 0)
      throw new ConfigFileError(
        feed.source,
        `holds no study fanin can show (${names.join(', ')} have no settings and no trials)`,
      );
  }
  const assets = assetsDirectory();
  const server = await startDashboardServer({ hub, port: options.port, assets });
  options.onListening(server.url);

  let polling = false;
  let again = false;
  let failed = false;
  const stopWatching = feed.watch(() => {
    if (failed) return;
    if (polling) {
      again = true;
      return;
    }
    polling = true;
    void (async () => {
      try {
        do {
          again = false;
          const { changed, reset } = await feed.poll();
          if (changed || writingChanged()) {
            model = await refresh(reset);
            await new Promise((resolve) => setTimeout(resolve, SETTLE));
          }
        } while (again && !signal.aborted);
      } catch (error) {
        failed = true;
        const line = errorLine(error).replace(/^fanin: /, '');
        output.warn(`stopped following the journal: ${line}`);
        hub.fail(line);
      } finally {
        polling = false;
      }
    })();
  });
  try {
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    stopWatching();
    await server.close();
  }
}
