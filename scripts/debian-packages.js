/**
 * The Debian packages the test suites talk to; `npm test` (scripts/setup.js)
 * installs the missing ones, or prints the apt-get line that would.
 */
export const testPackages = [
  'chromium', // the window tests (playwright-core drives Debian's Chromium)
  'dovecot-imapd', // the IMAP source against a real IMAP server
  'dovecot-pop3d', // the POP3 source against a real POP3 server
  'dovecot-lmtpd', // the mail-host feed: delivery over LMTP runs the Lua push script...
  'lua-socket', // ...which sends over HTTP
  'lua-cjson', // ...and writes JSON (Dovecot links Lua 5.4; lua-json has no 5.4 build)
  'redis-server', // the shared store
  'redis-sentinel', // store.sentinel's failover suite; a Sentinel URL given as store.url is refused in words
  'postgresql', // the SQL source
  'openssl', // the IMAP tests make their certificates
  'fonts-dejavu-core', // screenshots
  'fonts-noto-cjk', // Korean and Japanese glyphs in the window's screenshots (issue 21)
  'systemd', // systemd-analyze checks deploy/mailtray-server.service
  'xdg-utils', // the default mail client on Linux
  'dbus-daemon', // the tray's StatusNotifierWatcher restarts, on a private bus
  'dbus-bin', // dbus-monitor
  'prometheus', // promtool check metrics reads /metrics as Prometheus would
  'stress', // loads both cores, to show the suite passes on a busy machine
  'libglib2.0-bin', // gdbus stands in for a restarted watcher
  // The JMAP source's tests run Cyrus IMAP unpacked into .tools/cyrus (cyrus-debs.js), never installed: its
  // packages conflict with dovecot-imapd. These are the libraries its binaries need that nothing conflicts with.
  'libical3',
  'libpcre3',
  'libshp2',
  'libxapian30',
  'libsasl2-modules-db', // the sasldb of each test server's own users
  'sasl2-bin', // saslpasswd2 writes it
];
