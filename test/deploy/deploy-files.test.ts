import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const hasSystemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].some((path) => existsSync(path));

describe('the systemd unit', () => {
  it.skipIf(!hasSystemdAnalyze)('passes systemd-analyze verify without a warning (skipped where systemd-analyze is missing)', async () => {
    const unit = await readFile(join(root, 'deploy/mailtray-server.service'), 'utf8');
    // verify checks that the commands exist; point them at this checkout's command.
    const here = unit.replaceAll('/usr/local/bin/mailtray-server', join(root, 'bin/mailtray-server.js'));
    const folder = await mkdtemp(join(tmpdir(), 'mailtray-unit-'));
    try {
      await writeFile(join(folder, 'mailtray-server.service'), here);
      const { stdout, stderr } = await run('systemd-analyze', ['verify', join(folder, 'mailtray-server.service')]);
      expect(`${stdout}${stderr}`).toBe('');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('runs as a made-up user in a read-only system, checks the config first and reloads on SIGHUP', async () => {
    const unit = await readFile(join(root, 'deploy/mailtray-server.service'), 'utf8');
    const settings = unit.split('\n').filter((line) => /^\w+=/.test(line));
    for (const setting of ['DynamicUser=yes', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'ProtectHome=yes', 'PrivateTmp=yes',
      'CapabilityBoundingSet=', 'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX', 'ExecReload=/bin/kill -HUP $MAINPID',
      'ExecStartPre=/usr/local/bin/mailtray-server check --config /etc/mailtray/server.json']) {
      expect(settings).toContain(setting);
    }
    expect(settings.some((line) => line.startsWith('MemoryDenyWriteExecute'))).toBe(false);
  });
});

describe('the Dockerfile', () => {
  it('builds on the official Node 24 image, runs as the unprivileged user and listens where it says', async () => {
    const lines = (await readFile(join(root, 'Dockerfile'), 'utf8')).split('\n');
    expect(lines.find((l) => l.startsWith('FROM '))).toMatch(/^FROM node:24(-[a-z-]+)?$/);
    expect(lines).toContain('USER node');
    expect(lines).toContain('EXPOSE 7300');
    expect(lines.find((l) => l.startsWith('CMD '))).toContain('"--host", "0.0.0.0"');
  });

  it('listens inside the container on the port EXPOSE, HEALTHCHECK and the operator guide\'s -p name, not on the config\'s', async () => {
    const text = await readFile(join(root, 'Dockerfile'), 'utf8');
    const cmd = JSON.parse(/^CMD (.*)$/m.exec(text)![1]!) as string[];
    expect(cmd).toContain('--port');
    const port = cmd[cmd.indexOf('--port') + 1]!;
    expect(text).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
    expect(/^HEALTHCHECK[\s\S]*?http:\/\/127\.0\.0\.1:(\d+)\/healthz/m.exec(text)![1]).toBe(port);
    const guide = await readFile(join(root, 'docs/operator-guide.md'), 'utf8');
    const runs = [...guide.matchAll(/docker run [^\n]*-p (\S+)/g)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(0);
    for (const mapping of runs) expect(mapping.split(':').at(-1)).toBe(port);
  });

  it('copies every file the server imports, so the image starts', async () => {
    const copied = (await readFile(join(root, 'Dockerfile'), 'utf8')).split('\n')
      .filter((l) => l.startsWith('COPY ')).flatMap((l) => l.split(/\s+/).slice(1, -1)).map((p) => p.replace(/\/$/, ''));
    const needed = await importedFiles(join(root, 'bin/mailtray-server.js'));
    needed.add(join(root, 'server/cli/cli.ts'));
    for (const file of await importedFiles(join(root, 'server/cli/cli.ts'))) needed.add(file);
    const missing = [...needed].map((file) => relative(root, file))
      .filter((path) => !copied.some((c) => path === c || path.startsWith(`${c}/`)));
    expect(missing).toEqual([]);
    expect(needed.size).toBeGreaterThan(20);
  });
});

/** Every project file reached from `entry` by relative imports. */
async function importedFiles(entry: string, seen = new Set<string>()): Promise<Set<string>> {
  const text = await readFile(entry, 'utf8');
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const file = resolve(dirname(entry), match[1]!);
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (/\.(ts|js)$/.test(file)) await importedFiles(file, seen);
  }
  return seen;
}
