import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOf } from '../../server/version.ts';

let folder = '';
beforeAll(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-build-')); });
afterAll(() => rm(folder, { recursive: true, force: true }));

it('the start line says "sources" when Node runs the TypeScript', () => {
  expect(buildOf(pathToFileURL(join(folder, 'version.ts')).href, new Date())).toBe('sources');
});

it('the start line says when the compiled copy was built: the time today, the date and time before', async () => {
  const file = join(folder, 'version.js');
  await writeFile(file, '');
  const builtAt = new Date(2026, 11, 4, 14, 2);
  await utimes(file, builtAt, builtAt);
  expect(buildOf(pathToFileURL(file).href, new Date(2026, 11, 4, 18, 30))).toBe('compiled 14:02');
  expect(buildOf(pathToFileURL(file).href, new Date(2026, 11, 6, 9, 0))).toBe('compiled 2026-12-04 14:02');
});
