import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { UsageError } from '../cli/errors.js';
import type { DashboardEvent, DashboardHub } from './dashboard-hub.js';

/** The only address the dashboard listens on: this machine. */
export const HOST = '127.0.0.1';

/** The page's files, served as they are (built by apps/dashboard, shipped in dist/dashboard/). */
const ASSETS: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/dashboard.js': 'dashboard.js',
  '/dashboard.css': 'dashboard.css',
};

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** A running dashboard server. */
export interface DashboardServer {
  readonly url: string;
  readonly port: number;
  /** Ends every page's event stream and stops listening. */
  close(): Promise<void>;
}

/** The Hono app: the page's files, its event stream, and the current snapshot as JSON. */
function dashboardApp(hub: DashboardHub, assets: string, closing: AbortSignal): Hono {
  const app = new Hono();
  const files = new Map<string, Buffer>();
  for (const [path, file] of Object.entries(ASSETS)) {
    app.get(path, (context) => {
      let body = files.get(file);
      if (!body) {
        body = readFileSync(join(assets, file));
        files.set(file, body);
      }
      return context.body(new Uint8Array(body), 200, {
        'content-type': TYPES[file.slice(file.lastIndexOf('.') + 1)]!,
        'cache-control': 'no-store',
      });
    });
  }
  app.get('/api/snapshot', (context) => {
    const snapshot = hub.snapshot();
    return snapshot ? context.json(snapshot) : context.json({ error: 'not read yet' }, 503);
  });
  app.get('/events', (context) =>
    streamSSE(context, async (stream) => {
      const queue: DashboardEvent[] = hub.initialEvents();
      let wake: (() => void) | undefined;
      const unsubscribe = hub.subscribe((event) => {
        queue.push(event);
        wake?.();
      });
      const done = new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        closing.addEventListener('abort', () => resolve(), { once: true });
      });
      let open = true;
      done.then(() => {
        open = false;
        wake?.();
      });
      try {
        while (open) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE(event);
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      } finally {
        unsubscribe();
      }
    }),
  );
  app.notFound((context) => context.text('not found: the dashboard serves / and /events', 404));
  return app;
}

/**
 * Serves the dashboard on 127.0.0.1:`port` (0: any free port). A port in use, or one this
 * user may not open, fails with one line naming the port and the flag that changes it.
 */
export async function startDashboardServer(options: {
  readonly hub: DashboardHub;
  readonly port: number;
  readonly assets: string;
}): Promise<DashboardServer> {
  const closing = new AbortController();
  const app = dashboardApp(options.hub, options.assets, closing.signal);
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE')
        reject(
          new UsageError(
            `port ${options.port} on ${HOST} is in use by another program`,
            'Choose another with --port (--port 0 takes any free port)',
          ),
        );
      else if (error.code === 'EACCES')
        reject(
          new UsageError(
            `port ${options.port} on ${HOST} cannot be opened by this user`,
            'Choose a port above 1023 with --port',
          ),
        );
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, HOST);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
