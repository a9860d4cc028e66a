// README code samples that cannot drift: each code fence is marked with the file it shows,
//
//   <!-- sample: samples/ipnHandler.ts -->
//   ```ts
//   …that file's code, exactly…
//   ```
//
// and the file is type-checked and run by tests. `readmeSampleProblems` lists every fence that
// differs from its file and every code fence with no file; run this file with `--write` and
// README paths to copy the files into their fences:
//   pnpm exec tsx scripts/readmeSamples.ts --write packages/server/README.md
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Fences in these languages must come from a sample file; shell, JSON and text need not. */
const CODE_LANGUAGES = new Set(['ts', 'tsx', 'typescript', 'js', 'jsx', 'javascript', 'mjs']);
const MARKER = /^<!--\s*sample:\s*(\S+)\s*-->$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;

interface Fence {
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  /** Line index (0-based) of the first and one past the last line of the body. */
  bodyStart: number;
  bodyEnd: number;
  /** The sample file named by the marker right above the fence, relative to the README. */
  sample: string | undefined;
  /** Inside a list item or quote: its lines carry an indent the sample file does not have. */
  indented: boolean;
}

function findFences(lines: string[]): { fences: Fence[]; strayMarkers: number[] } {
  const fences: Fence[] = [];
  const strayMarkers: number[] = [];
  let pending: { sample: string; line: number } | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const text = lines[i] ?? '';
    const marker = MARKER.exec(text.trim());
    if (marker) {
      if (pending) strayMarkers.push(pending.line);
      pending = { sample: marker[1] ?? '', line: i + 1 };
      continue;
    }
    const open = FENCE.exec(text);
    if (!open) {
      if (pending && text.trim() !== '') {
        strayMarkers.push(pending.line);
        pending = undefined;
      }
      continue;
    }
    const ticks = open[2] ?? '```';
    let end = i + 1;
    while (end < lines.length && !(lines[end] ?? '').trimStart().startsWith(ticks)) end += 1;
    fences.push({
      line: i + 1,
      language: (open[3] ?? '').toLowerCase(),
      bodyStart: i + 1,
      bodyEnd: end,
      sample: pending?.sample,
      indented: (open[1] ?? '') !== '',
    });
    pending = undefined;
    i = end;
  }
  if (pending) strayMarkers.push(pending.line);
  return { fences, strayMarkers };
}

const withoutFinalNewline = (text: string) => text.replace(/\r?\n$/, '');

function readmePath(readme: string | URL): string {
  return typeof readme === 'string' ? resolve(readme) : fileURLToPath(readme);
}

/** Every way the README's code fences and their sample files disagree; empty when none. */
export function readmeSampleProblems(readme: string | URL): string[] {
  const path = readmePath(readme);
  const where = relative(process.cwd(), path);
  const lines = readFileSync(path, 'utf8').split('\n');
  const { fences, strayMarkers } = findFences(lines);
  const problems = strayMarkers.map(
    (line) => `${where}:${line}: sample marker not followed by a code fence`,
  );
  for (const fence of fences) {
    if (fence.indented && (fence.sample !== undefined || CODE_LANGUAGES.has(fence.language))) {
      problems.push(`${where}:${fence.line}: a sample fence must not be indented`);
      continue;
    }
    if (fence.sample === undefined) {
      if (CODE_LANGUAGES.has(fence.language)) {
        problems.push(
          `${where}:${fence.line}: ${fence.language} fence has no <!-- sample: file --> marker`,
        );
      }
      continue;
    }
    const file = resolve(dirname(path), fence.sample);
    if (!existsSync(file)) {
      problems.push(`${where}:${fence.line}: sample ${fence.sample} does not exist`);
      continue;
    }
    const shown = lines.slice(fence.bodyStart, fence.bodyEnd).join('\n');
    if (shown !== withoutFinalNewline(readFileSync(file, 'utf8'))) {
      problems.push(
        `${where}:${fence.line}: differs from ${fence.sample} ` +
          `(run: pnpm exec tsx scripts/readmeSamples.ts --write ${where})`,
      );
    }
  }
  return problems;
}

/** Copies each marked sample file into its fence; returns whether the README changed. */
export function writeReadmeSamples(readme: string | URL): boolean {
  const path = readmePath(readme);
  const original = readFileSync(path, 'utf8');
  const lines = original.split('\n');
  const { fences } = findFences(lines);
  // From the last fence back, so the line numbers of the earlier ones stay valid.
  for (const fence of [...fences].reverse()) {
    if (fence.sample === undefined || fence.indented) continue;
    const file = resolve(dirname(path), fence.sample);
    if (!existsSync(file)) continue;
    const code = withoutFinalNewline(readFileSync(file, 'utf8')).split('\n');
    lines.splice(fence.bodyStart, fence.bodyEnd - fence.bodyStart, ...code);
  }
  const updated = lines.join('\n');
  if (updated !== original) writeFileSync(path, updated);
  return updated !== original;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const write = args.includes('--write');
  let failed = false;
  for (const readme of args.filter((arg) => arg !== '--write')) {
    if (write && writeReadmeSamples(readme)) console.log(`updated ${readme}`);
    for (const problem of readmeSampleProblems(readme)) {
      console.error(problem);
      failed = true;
    }
  }
  if (failed) process.exitCode = 1;
}
