// Copies the page's static files (src/static: index.html, dashboard.css) next to the built
// script. They sit under src/ so that turbo's build inputs (src/**) see them change.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const from = join(import.meta.dirname, '..', 'src', 'static');
const to = join(import.meta.dirname, '..', 'dist');
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from)) copyFileSync(join(from, file), join(to, file));
