import type { Catalogue } from './en.ts';

/**
 * 한국어. Words from GLOSSARY-ko.md (메일, 받은편지함, 통, 설정, ...); whole
 * sentences in Korean order, never English glued from parts. After a name
 * the user typed, only particles that never change (에, a colon).
 */
export const ko: Catalogue = {
  // ---- account.* : Account tests, provider hints, sign-in (main/bundled, main/oauth, common/mail-providers.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- app.* : App-wide: dialogs, the placeholder page, the Electron download message: i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- check.* : Settings checks and validation messages (common/settings-rules.ts, main/settings/check-input.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- connection.* : Connection states and reasons (common/connection.ts, main/connection/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- failure.* ----
  'failure.reason.auth': '로그인 실패',
  'failure.reason.authExpired': '다시 로그인 필요',
  'failure.reason.certificate': 'TLS 문제',
  'failure.reason.connection': '연결할 수 없음',
  'failure.reason.folder': '메일함을 찾을 수 없음',
  'failure.reason.generic': '오류',
  'failure.reason.hostNotFound': '호스트를 찾을 수 없음',
  'failure.reason.limit': '연결이 너무 많음',
  'failure.reason.passwordNeeded': '비밀번호 필요',
  'failure.reason.setup': '설정 문제',
  'failure.bundled.auth': '설정에서 이 계정의 사용자 이름과 비밀번호를 확인하세요.',
  'failure.bundled.authExpired': '설정에서 이 계정에 다시 로그인하세요.',
  'failure.bundled.certificate': '설정에서 이 계정의 보안(TLS 또는 STARTTLS)과 포트를 확인하세요.',
  'failure.bundled.connection': '설정에서 호스트와 포트를 확인하고, 메일 서버가 켜져 있는지 확인하세요. Mailtray가 계속 다시 시도합니다.',
  'failure.bundled.folder': '설정에서 이 계정의 메일함 이름을 확인하세요.',
  'failure.bundled.generic': 'Mailtray가 계속 다시 시도합니다. 문제가 계속되면 설정에서 계정을 확인하세요.',
  'failure.bundled.hostNotFound': '설정에서 이 계정의 호스트 이름을 확인하세요.',
  'failure.bundled.limit': '메일 서버가 지금은 연결을 더 받지 않습니다. Mailtray가 계속 다시 시도합니다. 문제가 계속되면 다른 메일 프로그램을 닫아 보세요.',
  'failure.bundled.setup': '설정에서 이 계정의 설정을 확인하세요.',
  'failure.remote.auth': '서버 관리자에게 이 메일함의 로그인 정보를 확인해 달라고 요청하세요.',
  'failure.remote.authExpired': '서버 관리자에게 이 메일함에 다시 로그인해 달라고 요청하세요.',
  'failure.remote.certificate': '서버 관리자에게 이 메일함의 TLS 설정을 확인해 달라고 요청하세요.',
  'failure.remote.connection': '서버가 이 메일함의 메일 서버에 연결할 수 없습니다. Mailtray가 계속 다시 시도합니다.',
  'failure.remote.folder': '서버 관리자에게 이 메일함의 폴더를 확인해 달라고 요청하세요.',
  'failure.remote.generic': 'Mailtray가 계속 다시 시도합니다. 문제가 계속되면 서버 관리자에게 알리세요.',
  'failure.remote.hostNotFound': '서버가 이 메일함의 메일 서버를 찾을 수 없습니다. 서버 관리자에게 문의하세요.',
  'failure.remote.limit': '메일 서버가 지금은 Mailtray 서버의 연결을 더 받지 않습니다. Mailtray가 계속 다시 시도합니다.',
  'failure.remote.setup': '서버 관리자에게 이 메일함의 설정을 확인해 달라고 요청하세요.',
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
