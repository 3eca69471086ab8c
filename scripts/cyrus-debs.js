/**
 * Cyrus IMAP with its JMAP module, for the JMAP source's tests. Debian's
 * cyrus-imapd conflicts with dovecot-imapd, which the other suites need, so it
 * is never installed: its .debs are downloaded with `apt-get download` and
 * unpacked with `dpkg -x` into .tools/cyrus, and test/helpers/cyrus.ts runs the
 * binaries from there. Their shared libraries that do not conflict are in
 * debian-packages.js. Plain JavaScript, as setup.js is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './node-check.js';

export const cyrusDir = join(projectRoot, '.tools', 'cyrus');
/** cyrus-caldav holds httpd, which serves JMAP; cyrus-imapd imapd; cyrus-common master, lmtpd and the libraries. */
export const cyrusPackages = ['cyrus-common', 'cyrus-imapd', 'cyrus-caldav'];
const master = join(cyrusDir, 'usr', 'lib', 'cyrus', 'bin', 'master');
const httpd = join(cyrusDir, 'usr', 'lib', 'cyrus', 'bin', 'httpd');

/** Whether the unpacked Cyrus is there. */
export function hasCyrus() {
  return existsSync(master) && existsSync(httpd);
}

/**
 * Downloads and unpacks the Cyrus packages into .tools/cyrus when they are
 * missing; returns a sentence saying why it could not, or undefined.
 */
export function ensureCyrus(say) {
  if (hasCyrus()) return undefined;
  if (spawnSync('dpkg-deb', ['--version']).error) return 'dpkg-deb is missing (this is not Debian or its kin)';
  say(`the JMAP tests run Cyrus IMAP, which cannot be installed beside Dovecot: unpacking ${cyrusPackages.join(' ')} into .tools/cyrus`);
  mkdirSync(cyrusDir, { recursive: true });
  const download = mkdtempSync(join(tmpdir(), 'mailtray-cyrus-debs-'));
  try {
    const fetched = spawnSync('apt-get', ['download', ...cyrusPackages], { cwd: download, stdio: 'inherit' });
    if (fetched.status !== 0) return 'apt-get download failed (it says why above)';
    for (const deb of readdirSync(download).filter((name) => name.endsWith('.deb'))) {
      // dpkg -x unpacks the files only: no scripts run, nothing is registered with dpkg.
      const unpacked = spawnSync('dpkg-deb', ['-x', join(download, deb), cyrusDir], { stdio: 'inherit' });
      if (unpacked.status !== 0) return `dpkg-deb -x ${deb} failed`;
    }
  } finally {
    rmSync(download, { recursive: true, force: true });
  }
  return hasCyrus() ? undefined : 'the unpacked packages hold no Cyrus master and httpd';
}
