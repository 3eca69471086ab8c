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
  'connection.authFailed': '인증 실패: {reason}',
  'connection.authFailedRemote': '인증 실패: {reason}. 설정에서 토큰을 확인하세요',
  'connection.bundledServer': '내장 서버',
  'connection.connecting': '연결 중: {server}',
  'connection.live': '실시간 연결됨: {server}',
  'connection.offline': '오프라인: 네트워크 연결을 기다리는 중',
  'connection.reason.bundledNotStarted': '내장 서버를 시작할 수 없음: {failure}',
  'connection.reason.bundledStopped': '내장 서버가 멈춤(종료 코드 {code}). 다시 시작하는 중',
  'connection.reason.dns': '서버를 찾을 수 없음(호스트 이름 없음)',
  'connection.reason.httpStatus': '서버 응답: HTTP {status}',
  'connection.reason.noAnswer': '{seconds}초 안에 응답 없음',
  'connection.reason.notMailtray': '서버가 응답했지만 Mailtray 메일 수 서버의 응답이 아님',
  'connection.reason.offlineLookup': '네트워크 없음(호스트 이름 조회 실패)',
  'connection.reason.offlineUnreachable': '네트워크 없음(호스트에 연결할 수 없음)',
  'connection.reason.other': '{message}',
  'connection.reason.plainHttp': '이 서버는 HTTPS가 아닌 HTTP를 사용합니다. http:// 주소를 사용하거나 서버 관리자에게 HTTPS를 요청하세요',
  'connection.reason.refused': '서버에 연결할 수 없음(연결 거부됨)',
  'connection.reason.requestFailed': '요청 실패',
  'connection.reason.reset': '연결이 끊어짐',
  'connection.reason.serverSaid': '{message}',
  'connection.reason.serverSaidStatus': '{message} (HTTP {status})',
  'connection.reason.timeout': '서버가 제시간에 응답하지 않음',
  'connection.reason.tls': 'TLS 문제: 보안 연결을 설정할 수 없음',
  'connection.reason.tlsExpired': 'TLS 문제: 서버 인증서가 만료됨',
  'connection.reason.tlsIncomplete': 'TLS 문제: 서버 인증서를 확인할 수 없음(중간 인증서 누락)',
  'connection.reason.tlsNotYetValid': 'TLS 문제: 서버 인증서가 아직 유효하지 않음(이 컴퓨터의 시계를 확인하세요)',
  'connection.reason.tlsSelfSigned': 'TLS 문제: 서버 인증서가 자체 서명되어 확인할 수 없음',
  'connection.reason.tlsUntrusted': 'TLS 문제: 이 컴퓨터가 신뢰하지 않는 기관에서 발급한 서버 인증서',
  'connection.reason.tlsWrongHost': 'TLS 문제: 서버 인증서가 다른 호스트 이름용임',
  'connection.reason.tokenForbidden': '이 토큰으로는 메일 수를 볼 수 없음',
  'connection.reason.tokenUnknown': '서버가 이 토큰을 받아들이지 않음',
  'connection.reason.tooLarge': '서버 응답이 {size}MiB보다 커서 Mailtray가 읽을 수 없음',
  'connection.retrying': '연결되지 않음: {reason}',
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
  'language.system': '시스템 설정 ({language})',
  // ---- notification.* : Notifications (main/notifications/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'notification.action.markRead': '읽음으로 표시',
  'notification.action.open': '열기',
  'notification.from': '보낸 사람: {senders}',
  'notification.mailboxCount': '{name} {count}통',
  'notification.moreMailboxes': '{count, plural, other {그 외 메일함 #곳}}',
  'notification.moreMessages': '{count, plural, other {외 #통}}',
  'notification.moreSenders': '{count, plural, other {그 외 #통}}',
  'notification.newInMailbox': '{count, plural, other {{mailbox}에 새 메일 #통}}',
  'notification.newInMailboxes': '메일함 {mailboxes, plural, other {#곳}}에 새 메일 {count, plural, other {#통}}',
  'notification.newInTwo': '새 메일 {count, plural, other {#통}}: {first} {firstCount}통, {second} {secondCount}통',
  'notification.noSubject': '(제목 없음)',
  'notification.oneMessage': '{subject} — {mailbox}',
  'notification.oneMessageSenderOnly': '{mailbox}에 새 메일',
  'notification.senderAndSubject': '{sender}: {subject}',
  'notification.summaryBody': 'Mailtray가 메일함을 확인하고 있습니다',
  'notification.summaryMany': '메일함 {mailboxes, plural, other {#곳}}에 읽지 않은 메일 {count, plural, other {#통}}',
  'notification.summaryOne': '읽지 않은 메일 {count, plural, other {#통}}: {first} {firstCount}통',
  'notification.summaryTwo': '읽지 않은 메일 {count, plural, other {#통}}: {first} {firstCount}통, {second} {secondCount}통',
  'notification.unreadInAll': '{count, plural, other {읽지 않은 메일 총 #통}}',
  // ---- settings.* : The window's settings (renderer/settings/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
  // ---- signIn.* : The sign-in pages the loopback listener serves (main/oauth/sign-in-page.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- snooze.* : Snooze choices (common/snooze.ts): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'snooze.forHours': '{count, plural, other {#시간 동안}}',
  'snooze.forMinutes': '{count, plural, other {#분 동안}}',
  'snooze.off': '일시 중지 해제',
  'snooze.untilTomorrow': '내일 {time}까지',
  // ---- tray.* : Tray menu, tooltip, badge words (main/tray/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'tray.menu.checkNow': '지금 확인',
  'tray.menu.mailbox': '{name} - {count}통',
  'tray.menu.mailboxFailing': '{name} - {reason}',
  'tray.menu.mailboxPending': '{name} - …',
  'tray.menu.more': '{count, plural, other {그 외 메일함 #곳…}}',
  'tray.menu.noMailboxes': '아직 메일함이 없습니다',
  'tray.menu.open': 'Mailtray 열기',
  'tray.menu.quit': 'Mailtray 종료',
  'tray.menu.retry': '다시 시도',
  'tray.menu.retryNow': '지금 다시 시도',
  'tray.menu.settings': '설정…',
  'tray.menu.snooze': '알림 일시 중지',
  'tray.menu.snoozedUntil': '{time}까지 일시 중지됨',
  'tray.overlay.unread': '{count, plural, other {읽지 않은 메일 #통}}',
  'tray.tooltip.confirmedAt': '{time}에 마지막 확인',
  'tray.tooltip.mailbox': '{name}: {count}통',
  'tray.tooltip.mailboxFailing': '{name}: {count}통, {reason}',
  'tray.tooltip.mailboxPending': '{name}: 메일 수 확인 중',
  'tray.tooltip.snoozedUntil': '{time}까지 알림 일시 중지',
  'tray.tooltip.total': '{count, plural, other {Mailtray: 읽지 않은 메일 #통}}',
  // ---- window.* : The window's mail view, connection panel, tabs (renderer/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
};
