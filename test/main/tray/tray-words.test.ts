import { describe, expect, it } from 'vitest';
import { because } from '../../../common/connection.ts';
import { PSEUDO_LANGUAGE } from '../../../common/i18n/languages.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import { serverLabel } from '../../../main/connection/server-label.ts';
import type { AppSnapshot, ConnectionStatus } from '../../../main/ipc-contract.ts';
import type { MenuItemView } from '../../../main/shell.ts';
import { badgeView, trayMenu, trayTooltip } from '../../../main/tray/tray-view.ts';

// The tray's words in the user's language: the menu, the tooltip (times as the language writes
// them), and the Windows overlay's description. Mailbox names stay as the user typed them.

const now = new Date(2026, 10, 21, 14, 30).getTime();
const bundled = serverLabel({ mode: 'bundled' });

function snapshot(connection: ConnectionStatus = { state: 'live', server: bundled }): AppSnapshot {
  return {
    counts: {
      total: 16,
      mailboxes: [
        { id: 'inbox', name: '받은편지함', count: 12, state: 'ok', changedAt: '' },
        { id: 'naver', name: '네이버', count: 4, state: 'error', changedAt: '', error: 'IMAP login failed', errorKind: 'auth' },
        { id: 'daum', name: '다음', count: 0, state: 'pending', changedAt: '' },
      ],
    },
    status: { connection, warnings: [], snoozedUntil: new Date(2026, 10, 22, 8, 0).getTime(), countsConfirmedAt: new Date(2026, 10, 21, 14, 2).getTime() },
    language: { choice: 'ko', chosen: 'ko', system: 'en' },
  };
}

/** The menu's labels, submenus nested, separators as '---'. */
function labels(menu: MenuItemView[]): unknown[] {
  return menu.map((item) => (item.type === 'separator' ? '---' : item.submenu ? [item.label, labels(item.submenu)] : item.label));
}

describe('the tray in Korean', () => {
  const ko = translatorFor('ko');

  it('the menu: Korean rows, mailbox counts with 통, snooze ends in Korean times', () => {
    expect(labels(trayMenu(snapshot(), now, ko))).toEqual([
      'Mailtray 열기', '설정…', '---',
      '받은편지함 - 12통', '네이버 - 로그인 실패', '다음 - …', '---',
      '지금 확인',
      ['알림 일시 중지', ['(일) 오전 8:00까지 일시 중지됨', '30분 동안', '1시간 동안', '내일 오전 8:00까지', '일시 중지 해제']],
      '---', 'Mailtray 종료',
    ]);
  });

  it('the tooltip: the total, the snooze, each mailbox', () => {
    expect(trayTooltip(snapshot(), now, ko)).toBe(
      'Mailtray: 읽지 않은 메일 16통\n(일) 오전 8:00까지 알림 일시 중지\n받은편지함: 12통\n네이버: 4통, 로그인 실패\n다음: 메일 수 확인 중');
  });

  it('the tooltip while not connected: why, and when the counts were last confirmed; cut at 127 characters', () => {
    const offline = snapshot({ state: 'offline', server: bundled });
    offline.counts.mailboxes = Array.from({ length: 8 }, (_, i) => ({ ...offline.counts.mailboxes[0]!, id: `m${i}`, name: `받은편지함 ${i}` }));
    const tooltip = trayTooltip(offline, now, ko);
    expect(tooltip.split('\n').slice(0, 3)).toEqual(['Mailtray: 읽지 않은 메일 16통', '오프라인: 네트워크 연결을 기다리는 중', '오후 2:02에 마지막 확인']);
    expect(tooltip.length).toBeLessThanOrEqual(127);
    expect(tooltip.endsWith('…')).toBe(true);
    expect(trayTooltip(snapshot({ state: 'connecting', server: bundled }), now, ko)).toContain('연결 중: 내장 서버');
  });

  it('the reason the connection is down, in Korean; a server\'s own sentence as it sent it', () => {
    const refused = trayTooltip(snapshot({ state: 'retrying', server: bundled, ...because('connection.reason.refused'), nextTryAt: now + 8000 }), now, ko);
    expect(refused.split('\n')[1]).toBe('연결되지 않음: 서버에 연결할 수 없음(연결 거부됨)');
    const stopped = because('connection.reason.bundledStopped', { code: '1' });
    expect(trayTooltip(snapshot({ state: 'retrying', server: bundled, ...stopped, nextTryAt: now + 8000 }), now, ko).split('\n')[1])
      .toBe('연결되지 않음: 내장 서버가 멈춤(종료 코드 1). 다시 시작하는 중');
    const remote = serverLabel({ mode: 'remote', url: 'https://counts.example.com' });
    const refusedToken = { state: 'auth-failed' as const, server: remote, ...because('connection.reason.serverSaid', { message: 'unknown token' }) };
    expect(trayTooltip(snapshot(refusedToken), now, ko).split('\n')[1]).toBe('인증 실패: unknown token. 설정에서 토큰을 확인하세요');
  });

  it('a tooltip cut at Windows\' 127 UTF-16 units keeps every syllable and emoji whole', () => {
    const family = snapshot();
    // Family emoji (ZWJ sequences, 8 UTF-16 units each) and syllables in conjoining jamo (한 as ᄒ ᅡ ᆫ).
    family.counts.mailboxes = Array.from({ length: 12 }, (_, i) => ({
      ...family.counts.mailboxes[0]!, id: `m${i}`, name: `👨‍👩‍👧‍👦 \u1112\u1161\u11ab\u1100\u1173\u11af ${i}`,
    }));
    const tooltip = trayTooltip(family, now, ko);
    expect(tooltip.length).toBeLessThanOrEqual(127);
    expect(tooltip.endsWith('…')).toBe(true);
    const uncut = ['Mailtray: 읽지 않은 메일 16통', '(일) 오전 8:00까지 알림 일시 중지', ...family.counts.mailboxes.map((m) => `${m.name}: 12통`)].join('\n');
    const kept = tooltip.slice(0, -1);
    expect(uncut.startsWith(kept)).toBe(true);
    const boundaries = new Set([...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(uncut)].map((g) => g.index));
    expect(boundaries.has(kept.length)).toBe(true);
  });

  it('the Windows overlay describes the count in Korean, the badge keeps its digits', () => {
    expect(badgeView(snapshot(), 'win32', ko)).toMatchObject({ count: 16, text: '16', overlay: { description: '읽지 않은 메일 16통' } });
  });
});

describe('the tray in Arabic', () => {
  it('plural forms for the total: zero, one, two, few, many, other', () => {
    const ar = translatorFor('ar');
    const totalLine = (total: number) => {
      const view = snapshot();
      view.counts.total = total;
      view.counts.mailboxes = [];
      view.status.snoozedUntil = null;
      return trayTooltip(view, now, ar);
    };
    expect([0, 1, 2, 5, 21, 100].map(totalLine)).toEqual([
      'Mailtray: لا رسائل غير مقروءة',
      'Mailtray: رسالة غير مقروءة',
      'Mailtray: رسالتان غير مقروءتين',
      'Mailtray: 5 رسائل غير مقروءة',
      'Mailtray: 21 رسالة غير مقروءة',
      'Mailtray: 100 رسالة غير مقروءة',
    ]);
  });
});

describe('the tray in the pseudo-locale', () => {
  it('leaves no unaccented English in the menu, the tooltip or the overlay', () => {
    const pseudo = translatorFor(PSEUDO_LANGUAGE);
    const remote = serverLabel({ mode: 'remote', url: 'https://counts.example.com' });
    const statuses: ConnectionStatus[] = [
      { state: 'live', server: bundled }, { state: 'connecting', server: bundled }, { state: 'connecting', server: remote },
      { state: 'offline', server: remote }, { state: 'auth-failed', server: remote, reason: 'REASON' },
      { state: 'retrying', server: bundled, reason: 'REASON', nextTryAt: now + 8000 },
      { state: 'retrying', server: bundled, ...because('connection.reason.tlsUntrusted'), nextTryAt: now + 8000 },
      { state: 'retrying', server: remote, ...because('connection.reason.noAnswer', { seconds: 45 }), nextTryAt: now + 8000 },
      { state: 'auth-failed', server: remote, ...because('connection.reason.tokenForbidden') },
    ];
    // Mailbox names, host names, the reason given in, and times and lists (Intl's, which en-XA formats as English) are not the catalogue's.
    const given = /받은편지함|네이버|다음|counts\.example\.com|REASON|Sun|\d+:\d+ [AP]M/g;
    for (const connection of statuses) {
      const view = snapshot(connection);
      const many = snapshot(connection);
      many.counts.mailboxes = Array.from({ length: 20 }, (_, i) => ({ ...many.counts.mailboxes[0]!, id: `m${i}` }));
      const texts = [
        trayTooltip(view, now, pseudo),
        JSON.stringify(labels(trayMenu(view, now, pseudo))),
        JSON.stringify(labels(trayMenu(many, now, pseudo))),
        badgeView(view, 'win32', pseudo).overlay?.description ?? '',
      ];
      for (const text of texts) expect(text.replace(given, ''), text).not.toMatch(/[a-z]{3,}/i);
    }
  });
});
