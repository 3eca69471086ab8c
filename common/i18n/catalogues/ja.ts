import type { Catalogue } from './en.ts';

/** 日本語。です・ます調。メール、未読メール、受信トレイ、フォルダー、アカウント、設定 (Outlook・Gmail の用語)。 */
export const ja: Catalogue = {
  // ---- account.* : Account tests, provider hints, sign-in (main/bundled, main/oauth, common/mail-providers.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- app.* : App-wide: dialogs, the placeholder page, the Electron download message: i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- check.* : Settings checks and validation messages (common/settings-rules.ts, main/settings/check-input.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- connection.* : Connection states and reasons (common/connection.ts, main/connection/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'connection.authFailed': 'トークンが拒否されました: {reason}',
  'connection.authFailedRemote': 'トークンが拒否されました: {reason}。設定で確認してください',
  'connection.bundledServer': '内蔵サーバー',
  'connection.connecting': '接続中: {server}',
  'connection.live': '接続済み: {server}',
  'connection.offline': 'オフライン: ネットワークを待っています',
  'connection.reason.bundledNotStarted': '内蔵サーバーを起動できませんでした: {failure}',
  'connection.reason.bundledStopped': '内蔵サーバーが停止しました (終了コード {code})。再起動しています',
  'connection.reason.dns': 'サーバーが見つかりません (ホスト名がありません)',
  'connection.reason.httpStatus': 'サーバーの応答: HTTP {status}',
  'connection.reason.noAnswer': '{seconds} 秒以内に応答がありません',
  'connection.reason.notMailtray': 'サーバーは応答しましたが、Mailtray のカウントサーバーではありません',
  'connection.reason.offlineLookup': 'ネットワークがありません (ホスト名を解決できません)',
  'connection.reason.offlineUnreachable': 'ネットワークがありません (ホストに到達できません)',
  'connection.reason.other': '{message}',
  'connection.reason.plainHttp': 'このサーバーは HTTPS ではなく HTTP を使っています。http:// のアドレスを使うか、管理者に HTTPS を依頼してください',
  'connection.reason.refused': 'サーバーに接続できません (接続が拒否されました)',
  'connection.reason.requestFailed': 'リクエストに失敗しました',
  'connection.reason.reset': '接続が切断されました',
  'connection.reason.serverSaid': '{message}',
  'connection.reason.serverSaidStatus': '{message} (HTTP {status})',
  'connection.reason.timeout': 'サーバーが時間内に応答しませんでした',
  'connection.reason.tls': 'TLS の問題: 安全な接続を確立できませんでした',
  'connection.reason.tlsExpired': 'TLS の問題: サーバーの証明書の有効期限が切れています',
  'connection.reason.tlsIncomplete': 'TLS の問題: サーバーの証明書を検証できません (中間証明書がありません)',
  'connection.reason.tlsNotYetValid': 'TLS の問題: サーバーの証明書はまだ有効ではありません (このコンピューターの時計を確認してください)',
  'connection.reason.tlsSelfSigned': 'TLS の問題: サーバーの証明書は自己署名のため検証できません',
  'connection.reason.tlsUntrusted': 'TLS の問題: サーバーの証明書は、このコンピューターが信頼していない機関のものです',
  'connection.reason.tlsWrongHost': 'TLS の問題: サーバーの証明書は別のホスト名のものです',
  'connection.reason.tokenForbidden': 'このトークンには件数を見る権限がありません',
  'connection.reason.tokenUnknown': 'サーバーがこのトークンを受け付けません',
  'connection.reason.tooLarge': 'サーバーの応答が {size} MiB を超えており、Mailtray では読み込めません',
  'connection.retrying': '未接続: {reason}',
  // ---- failure.* ----
  'failure.reason.auth': 'ログイン失敗',
  'failure.reason.authExpired': '再ログインが必要',
  'failure.reason.certificate': 'TLS の問題',
  'failure.reason.connection': '接続できません',
  'failure.reason.folder': 'フォルダーが見つかりません',
  'failure.reason.generic': 'エラー',
  'failure.reason.hostNotFound': 'ホストが見つかりません',
  'failure.reason.limit': '接続数が多すぎます',
  'failure.reason.passwordNeeded': 'パスワードが必要',
  'failure.reason.setup': '設定の問題',
  'failure.bundled.auth': '設定でこのアカウントのユーザー名とパスワードを確認してください。',
  'failure.bundled.authExpired': '設定でこのアカウントにもう一度ログインしてください。',
  'failure.bundled.certificate': '設定でこのアカウントのセキュリティ (TLS または STARTTLS) とポートを確認してください。',
  'failure.bundled.connection': '設定でホストとポートを確認し、メールサーバーが動いているか確かめてください。Mailtray は再試行を続けます。',
  'failure.bundled.folder': '設定でこのアカウントのフォルダー名を確認してください。',
  'failure.bundled.generic': 'Mailtray は再試行を続けます。解決しない場合は設定でアカウントを確認してください。',
  'failure.bundled.hostNotFound': '設定でこのアカウントのホスト名を確認してください。',
  'failure.bundled.limit': 'メールサーバーが現在これ以上の接続を受け付けていません。Mailtray は再試行を続けます。解決しない場合はほかのメールアプリを閉じてください。',
  'failure.bundled.setup': '設定でこのアカウントの設定を確認してください。',
  'failure.remote.auth': 'このメールボックスのログイン情報を確認するよう、サーバーの管理者に依頼してください。',
  'failure.remote.authExpired': 'このメールボックスにもう一度ログインするよう、サーバーの管理者に依頼してください。',
  'failure.remote.certificate': 'このメールボックスの TLS 設定を確認するよう、サーバーの管理者に依頼してください。',
  'failure.remote.connection': 'サーバーがこのメールボックスのメールサーバーに接続できません。Mailtray は再試行を続けます。',
  'failure.remote.folder': 'このメールボックスのフォルダーを確認するよう、サーバーの管理者に依頼してください。',
  'failure.remote.generic': 'Mailtray は再試行を続けます。解決しない場合はサーバーの管理者に連絡してください。',
  'failure.remote.hostNotFound': 'サーバーがこのメールボックスのメールサーバーを見つけられません。管理者に問い合わせてください。',
  'failure.remote.limit': 'メールサーバーが現在カウントサーバーからの接続をこれ以上受け付けていません。Mailtray は再試行を続けます。',
  'failure.remote.setup': 'このメールボックスの設定を確認するよう、サーバーの管理者に依頼してください。',
  // ---- language.* : Language names and the language setting: i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'language.system': 'システム ({language})',
  // ---- notification.* : Notifications (main/notifications/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'notification.action.markRead': '既読にする',
  'notification.action.open': '開く',
  'notification.from': '差出人: {senders}',
  'notification.mailboxCount': '{name} {count}通',
  'notification.moreMailboxes': '{count, plural, other {ほか#個のメールボックス}}',
  'notification.moreMessages': '{count, plural, other {ほか#通}}',
  'notification.moreSenders': '{count, plural, other {ほか#通}}',
  'notification.newInMailbox': '{count, plural, other {{mailbox}に新着メール#通}}',
  'notification.newInMailboxes': '{mailboxes, plural, other {#個のメールボックス}}に新着メール{count, plural, other {#通}}',
  'notification.newInTwo': '新着メール{count, plural, other {#通}}: {first} {firstCount}通、{second} {secondCount}通',
  'notification.noSubject': '(件名なし)',
  'notification.oneMessage': '{subject} — {mailbox}',
  'notification.oneMessageSenderOnly': '{mailbox}に新着メール',
  'notification.senderAndSubject': '{sender}: {subject}',
  'notification.summaryBody': 'Mailtrayがメールボックスを確認しています',
  'notification.summaryMany': '{mailboxes, plural, other {#個のメールボックス}}に未読メール{count, plural, other {#通}}',
  'notification.summaryOne': '未読メール{count, plural, other {#通}}: {first} {firstCount}通',
  'notification.summaryTwo': '未読メール{count, plural, other {#通}}: {first} {firstCount}通、{second} {secondCount}通',
  'notification.unreadInAll': '{count, plural, other {未読メールは合計#通}}',
  // ---- settings.* : The window's settings (renderer/settings/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
  // ---- signIn.* : The sign-in pages the loopback listener serves (main/oauth/sign-in-page.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- snooze.* : Snooze choices (common/snooze.ts): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'snooze.forHours': '{count, plural, other {#時間}}',
  'snooze.forMinutes': '{count, plural, other {#分間}}',
  'snooze.off': 'オフ',
  'snooze.untilTomorrow': '明日の{time}まで',
  // ---- tray.* : Tray menu, tooltip, badge words (main/tray/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'tray.menu.checkNow': '今すぐ確認',
  'tray.menu.mailbox': '{name} - {count}通',
  'tray.menu.mailboxFailing': '{name} - {reason}',
  'tray.menu.mailboxPending': '{name} - …',
  'tray.menu.more': '{count, plural, other {ほか#個のメールボックス…}}',
  'tray.menu.noMailboxes': 'メールボックスはまだありません',
  'tray.menu.open': 'Mailtrayを開く',
  'tray.menu.quit': 'Mailtrayを終了',
  'tray.menu.retry': '再試行',
  'tray.menu.retryNow': '今すぐ再試行',
  'tray.menu.settings': '設定…',
  'tray.menu.snooze': '通知を一時停止',
  'tray.menu.snoozedUntil': '{time}まで一時停止中',
  'tray.overlay.unread': '{count, plural, other {未読メール#通}}',
  'tray.tooltip.confirmedAt': '{time}に最終確認',
  'tray.tooltip.mailbox': '{name}: {count}通',
  'tray.tooltip.mailboxFailing': '{name}: {count}通、{reason}',
  'tray.tooltip.mailboxPending': '{name}: 件数を確認中',
  'tray.tooltip.snoozedUntil': '{time}まで通知を一時停止中',
  'tray.tooltip.total': '{count, plural, other {Mailtray: 未読メール#通}}',
  // ---- window.* : The window's mail view, connection panel, tabs (renderer/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
};
