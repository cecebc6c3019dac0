// Copies the page's static files (index.html, dashboard.css) next to the built script.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const from = join(import.meta.dirname, '..', 'static');
const to = join(import.meta.dirname, '..', 'dist');
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from)) copyFileSync(join(from, file), join(to, file));
