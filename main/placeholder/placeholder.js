/* global window, document */
// A classic script with no build step: the placeholder stands in until the window is built.
// It only reads window.mailtray, like the real window does. It speaks English only, on purpose:
// only a developer who has not built the window yet sees it (a packaged app always has the
// window), and without a build step it cannot load the message catalogues (issue 21).
const api = window.mailtray;

function showCounts(counts) {
  document.getElementById('total').textContent = String(counts.total);
  const list = document.getElementById('mailboxes');
  list.replaceChildren(...counts.mailboxes.map((mailbox) => {
    const row = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = mailbox.name;
    const count = document.createElement('span');
    count.textContent = mailbox.state === 'error' ? `error: ${mailbox.error ?? ''}` : mailbox.state === 'pending' ? '…' : String(mailbox.count);
    if (mailbox.state === 'error') count.className = 'error';
    row.append(name, count);
    return row;
  }));
}

function showStatus(status) {
  const { connection } = status;
  // The words of common/connection.ts (this page is plain JS, copied as it is, so it cannot import them).
  const words = {
    connecting: `Connecting: ${connection.server.label}`,
    live: `Live: ${connection.server.label}`,
    retrying: `Not connected: ${connection.reason ?? ''}`,
    'auth-failed': `Token refused: ${connection.reason ?? ''}`,
    offline: 'Offline: waiting for the network',
  };
  // Warnings come as catalogue keys and values (Words) that this page has no catalogue to word: it names them by key.
  document.getElementById('connection').textContent = [words[connection.state], ...status.warnings.map((warning) => warning.key)].join(' — ');
}

api.getState().then((snapshot) => {
  showCounts(snapshot.counts);
  showStatus(snapshot.status);
});
api.onCounts(showCounts);
api.onStatus(showStatus);
