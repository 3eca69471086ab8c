import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWindowPage, readFilesIn, WINDOW_CSP, WINDOW_URL, windowResponse, type ReadWindowFile } from '../../main/window-protocol.ts';

// A window folder inside a parent that holds a secret: nothing outside the folder may be served.
let parent = '';
let folder = '';
const asked: string[] = [];
let read: ReadWindowFile;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'mailtray-window-protocol-'));
  folder = join(parent, 'renderer');
  await mkdir(join(folder, 'assets'), { recursive: true });
  await writeFile(join(parent, 'secret.html'), 'the user\'s token');
  await writeFile(join(parent, 'secret.js'), 'the user\'s token');
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>Mailtray</title>',
    'assets/app.js': 'console.log(1)',
    'assets/style.css': 'body{}',
    'assets/icon.png': '\x89PNG',
    'assets/mark.svg': '<svg/>',
    'assets/words.json': '{}',
    'assets/font.woff2': 'wOF2',
    'assets/app.js.map': '{}',
    'notes.txt': 'not part of the window',
    'assets/Makefile': 'no extension',
  };
  for (const [path, text] of Object.entries(files)) await writeFile(join(folder, path), text);
  const inFolder = readFilesIn(folder);
  read = (path) => {
    asked.push(path);
    return inFolder(path);
  };
});
afterAll(() => rm(parent, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => windowResponse(new Request(url, { method }), read);

describe('the window served from mailtray://app/', () => {
  it('answers the page itself with the strict CSP as a header', async () => {
    const answer = await get(WINDOW_URL);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-security-policy')).toBe(WINDOW_CSP);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await answer.text()).toBe('<!doctype html><title>Mailtray</title>');
  });

  it('the CSP allows only the window\'s own files and no network, inline code, plugins, forms or framing', () => {
    const rules = Object.fromEntries(WINDOW_CSP.split(';').map((rule) => {
      const [name, ...values] = rule.trim().split(/\s+/);
      return [name, values.join(' ')];
    }));
    expect(rules).toMatchObject({
      'default-src': "'none'", 'script-src': "'self'", 'style-src': "'self'", 'connect-src': "'none'",
      'object-src': "'none'", 'base-uri': "'none'", 'form-action': "'none'", 'frame-ancestors': "'none'",
    });
    expect(WINDOW_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('"/" is the page', async () => {
    expect(await (await get('mailtray://app/')).text()).toContain('<title>Mailtray</title>');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/style.css', 'text/css; charset=utf-8'],
    ['assets/icon.png', 'image/png'],
    ['assets/mark.svg', 'image/svg+xml'],
    ['assets/words.json', 'application/json; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (path, type) => {
    const answer = await get(`mailtray://app/${path}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(type);
    expect(answer.headers.get('content-security-policy')).toBe(WINDOW_CSP);
  });

  it.each([
    'mailtray://app/nothing-here.js',
    'mailtray://app/assets/missing.css',
    'mailtray://app/notes.txt',
    'mailtray://app/assets/Makefile',
    'mailtray://app/assets/app.js.map',
    'mailtray://app/assets',
    'mailtray://app/assets/',
  ])('refuses %s: no such file, or not a type the window uses', async (url) => {
    const answer = await get(url);
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-security-policy')).toBe(WINDOW_CSP);
  });

  it.each([
    'mailtray://app/../secret.html',
    'mailtray://app/assets/../../secret.html',
    'mailtray://app/%2e%2e/secret.html',
    'mailtray://app/..%2Fsecret.html',
    'mailtray://app/assets/..%2F..%2Fsecret.js',
    'mailtray://app/..%5Csecret.html',
    'mailtray://app/assets%5C..%5C..%5Csecret.js',
    'mailtray://app/%2Fetc%2Fpasswd.html',
    'mailtray://app/C:%5Csecret.html',
    'mailtray://app/secret.html%00.js',
    'mailtray://app/%E0%A4%A.js',
    'mailtray://app//secret.html',
  ])('never reads outside the window\'s folder: %s', async (url) => {
    asked.length = 0;
    const answer = await get(url);
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain('token');
    // What reached the file reader (if anything) is a plain path inside the folder.
    for (const path of asked) expect(path).toMatch(/^[\w.-]+(\/[\w.-]+)*$/);
    expect(asked.some((path) => path.includes('..'))).toBe(false);
  });

  it.each([
    'mailtray://evil/index.html',
    'mailtray://app.evil/index.html',
    'file:///etc/passwd',
    'https://app/index.html',
  ])('answers nothing for another host or scheme: %s', async (url) => {
    asked.length = 0;
    expect((await get(url)).status).toBe(404);
    expect(asked).toEqual([]);
  });

  it('only reads: a POST is refused with the methods that work', async () => {
    const answer = await get(WINDOW_URL, 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });

  it('a HEAD gets the headers and no body', async () => {
    const answer = await get('mailtray://app/assets/app.js', 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-length')).toBe(String('console.log(1)'.length));
    expect(await answer.text()).toBe('');
  });
});

describe('who may call main', () => {
  it('the window\'s own page may, wherever it is in mailtray://app/; a file:// page, another host or scheme, or junk may not', () => {
    expect(isWindowPage(WINDOW_URL)).toBe(true);
    expect(isWindowPage('mailtray://app/index.html#settings')).toBe(true);
    for (const url of ['file:///usr/lib/mailtray/index.html', 'mailtray://evil/index.html', 'https://app/index.html', 'mailtray:app', '', 'not a url']) {
      expect(isWindowPage(url), url).toBe(false);
    }
  });
});
