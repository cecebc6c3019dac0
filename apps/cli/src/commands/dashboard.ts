import { resolve } from 'node:path';
import { option } from '@fanin/core';
import { defineCommand } from '../cli/command.js';
import { outputOptions } from '../cli/common-options.js';
import { UsageError } from '../cli/errors.js';
import { fileFeed, type JournalFeed, redisFeed } from '../dashboard/journal-feed.js';
import { runDashboard } from '../dashboard/run-dashboard.js';
import { displayPath } from '../io/read-json-file.js';

/** The default port: TensorBoard's 6006 plus one, so both can run side by side. */
export const DEFAULT_DASHBOARD_PORT = 6007;

/** How long an unreachable Redis is waited for before the command gives up (ms). */
const REDIS_TIMEOUT = 3000;

/** `fanin dashboard`: a live web page of a sweep, on 127.0.0.1, until Ctrl-C. */
export const dashboard = defineCommand({
  name: 'dashboard',
  summary: 'Watch a sweep live in the browser: leaderboard, learning curves, search planes',
  description:
    "Serves a web page on 127.0.0.1 that follows a sweep's journal as it is written (a finished sweep, a running one, or one resumed after a crash) and updates without reloading: each stage's leaderboard, every trial's learning curve as its epochs end, the search plane of every pair of parameters on their own scales (log axes for log-uniform ones), parameter importance, pruned and failed trials with the reason, the coarse-to-fine stages with their ranges, and the warnings fanin sweep prints. It only reads: the journal is opened read-only and its lock is not taken, so the sweep goes on. Prints the page's address and runs until Ctrl-C (exit 130).",
  positionals: [],
  options: {
    journal: option.string({
      description: 'The journal file of a sweep (fanin-runs/<name>.jsonl)',
      optional: true,
      nonEmpty: true,
    }),
    redis: option.string({
      description:
        'Follow the journal of a distributed sweep (fanin sweep --redis) in this Redis instead: redis://[user:password@]host[:port][/db]',
      optional: true,
      nonEmpty: true,
    }),
    study: option.string({
      description:
        'Show only this sweep: the study <name> and its later stages <name>/stage-2 ... (default: every study in the journal)',
      optional: true,
      nonEmpty: true,
    }),
    port: option.integer({
      description: `Port on 127.0.0.1 (0 takes any free port); the address is printed`,
      default: DEFAULT_DASHBOARD_PORT,
      min: 0,
      max: 65535,
    }),
    ...outputOptions,
  },
  examples: [
    'fanin dashboard --journal fanin-runs/mnist-lr-wd.jsonl',
    'fanin dashboard --journal fanin-runs/mnist-lr-wd.jsonl --port 8080',
    'fanin dashboard --redis redis://10.0.0.5:6379 --study mnist-lr-wd',
  ],
  async run({ options, output, signal, cwd }) {
    if ((options.journal === undefined) === (options.redis === undefined))
      throw new UsageError(
        options.journal === undefined
          ? 'no journal given: fanin dashboard follows --journal <file> or --redis <url>'
          : 'give --journal or --redis, not both',
        'For example: fanin dashboard --journal fanin-runs/mnist-lr-wd.jsonl',
      );
    let feed: JournalFeed;
    if (options.journal !== undefined) {
      const file = resolve(cwd, options.journal);
      feed = await fileFeed(file, displayPath(file, cwd));
    } else {
      feed = await redisFeed(options.redis!, REDIS_TIMEOUT);
    }
    try {
      await runDashboard({
        feed,
        sweep: options.study,
        port: options.port,
        output,
        signal,
        onListening(url) {
          output.result({ url, journal: feed.source });
          output.text(`fanin dashboard: ${url} (${feed.source}; Ctrl-C to stop)`);
        },
      });
    } finally {
      await feed.close();
    }
    return 0;
  },
});
