// Lints every publishable package the way a consumer's tools see it:
// publint (package.json vs files) and attw (types resolve in every module mode).
import { execFileSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let failed = 0;

for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name);
  if (!existsSync(join(dir, 'package.json'))) continue;
  for (const [label, cmd, args] of [
    ['publint', bin('publint'), ['--strict', dir]],
    ['attw', bin('attw'), ['--pack', dir, '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(cmd, args, { stdio: 'pipe', cwd: dir });
      console.log(`ok   ${label} @paysocket/${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${label} @paysocket/${name}`);
      console.log(String(error.stdout ?? ''), String(error.stderr ?? ''));
    }
  }
}
if (failed > 0) {
  console.error(`${failed} package check(s) failed`);
  process.exit(1);
}
