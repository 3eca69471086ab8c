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
  // ---- notification.* : Notifications (main/notifications/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- settings.* : The window's settings (renderer/settings/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
  // ---- signIn.* : The sign-in pages the loopback listener serves (main/oauth/sign-in-page.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- snooze.* : Snooze choices (common/snooze.ts): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- tray.* : Tray menu, tooltip, badge words (main/tray/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- window.* : The window's mail view, connection panel, tabs (renderer/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
};
