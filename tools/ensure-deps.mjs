// Installs npm dependencies when they are missing or stale (package-lock.json newer than npm's
// own record of the last install, node_modules/.package-lock.json), so `npm test`, `npm start`
// and `npm run bench` work on a fresh clone without a separate `npm ci`.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const stale = !existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000;
if (stale) {
  console.error('[deps] node_modules missing or older than package-lock.json: running npm ci');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
