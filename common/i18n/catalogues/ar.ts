import type { Catalogue } from './en.ts';

/**
 * العربية. فصحى مبسطة كما في واجهات Outlook وGmail العربية. Names, addresses,
 * numbers and the product name stay as they are; the window sets dir="rtl".
 */
export const ar: Catalogue = {
  // ---- account.* : Account tests, provider hints, sign-in (main/bundled, main/oauth, common/mail-providers.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- app.* : App-wide: dialogs, the placeholder page, the Electron download message: i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- check.* : Settings checks and validation messages (common/settings-rules.ts, main/settings/check-input.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- connection.* : Connection states and reasons (common/connection.ts, main/connection/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'connection.authFailed': 'الرمز مرفوض: {reason}',
  'connection.authFailedRemote': 'الرمز مرفوض: {reason}؛ تحقق منه في الإعدادات',
  'connection.bundledServer': 'الخادم المدمج',
  'connection.connecting': 'جارٍ الاتصال: {server}',
  'connection.live': 'متصل: {server}',
  'connection.offline': 'غير متصل بالشبكة: في انتظار الشبكة',
  'connection.reason.bundledNotStarted': 'تعذّر تشغيل الخادم المدمج: {failure}',
  'connection.reason.bundledStopped': 'توقف الخادم المدمج (رمز الخروج {code})؛ جارٍ إعادة التشغيل',
  'connection.reason.dns': 'لم يُعثر على الخادم (اسم المضيف غير موجود)',
  'connection.reason.httpStatus': 'ردّ الخادم بـ HTTP {status}',
  'connection.reason.noAnswer': 'لا ردّ خلال {seconds} ث',
  'connection.reason.notMailtray': 'ردّ الخادم، لكن ليس كخادم أعداد Mailtray',
  'connection.reason.offlineLookup': 'لا توجد شبكة (فشل البحث عن اسم المضيف)',
  'connection.reason.offlineUnreachable': 'لا توجد شبكة (تعذّر الوصول إلى المضيف)',
  'connection.reason.other': '{message}',
  'connection.reason.plainHttp': 'يستخدم هذا الخادم HTTP وليس HTTPS: استخدم عنوانًا يبدأ بـ http:// أو اطلب HTTPS من مشغّل الخادم',
  'connection.reason.refused': 'تعذّر الوصول إلى الخادم (رُفض الاتصال)',
  'connection.reason.requestFailed': 'فشل الطلب',
  'connection.reason.reset': 'انقطع الاتصال',
  'connection.reason.serverSaid': '{message}',
  'connection.reason.serverSaidStatus': '{message} (HTTP {status})',
  'connection.reason.timeout': 'لم يردّ الخادم في الوقت المحدد',
  'connection.reason.tls': 'مشكلة في TLS: تعذّر إنشاء الاتصال الآمن',
  'connection.reason.tlsExpired': 'مشكلة في TLS: انتهت صلاحية شهادة الخادم',
  'connection.reason.tlsIncomplete': 'مشكلة في TLS: تعذّر التحقق من شهادة الخادم (شهادة وسيطة مفقودة)',
  'connection.reason.tlsNotYetValid': 'مشكلة في TLS: شهادة الخادم ليست صالحة بعد (تحقق من ساعة هذا الحاسوب)',
  'connection.reason.tlsSelfSigned': 'مشكلة في TLS: شهادة الخادم موقّعة ذاتيًا، فلا يمكن التحقق منها',
  'connection.reason.tlsUntrusted': 'مشكلة في TLS: شهادة الخادم صادرة عن جهة لا يثق بها هذا الحاسوب',
  'connection.reason.tlsWrongHost': 'مشكلة في TLS: شهادة الخادم لاسم مضيف آخر',
  'connection.reason.tokenForbidden': 'لا يُسمح لهذا الرمز بمتابعة الأعداد',
  'connection.reason.tokenUnknown': 'لا يقبل الخادم هذا الرمز',
  'connection.reason.tooLarge': 'ردّ الخادم أكبر من {size} ميغابايت، وهو أكثر مما يقرؤه Mailtray',
  'connection.retrying': 'غير متصل: {reason}',
  // ---- failure.* ----
  'failure.reason.auth': 'فشل تسجيل الدخول',
  'failure.reason.authExpired': 'سجّل الدخول مجددًا',
  'failure.reason.certificate': 'مشكلة في TLS',
  'failure.reason.connection': 'تعذّر الاتصال',
  'failure.reason.folder': 'المجلد غير موجود',
  'failure.reason.generic': 'خطأ',
  'failure.reason.hostNotFound': 'الخادم غير موجود',
  'failure.reason.limit': 'اتصالات كثيرة جدًا',
  'failure.reason.passwordNeeded': 'كلمة المرور مطلوبة',
  'failure.reason.setup': 'مشكلة في الإعدادات',
  'failure.bundled.auth': 'تحقّق من اسم المستخدم وكلمة المرور لهذا الحساب في الإعدادات.',
  'failure.bundled.authExpired': 'سجّل الدخول إلى هذا الحساب مجددًا من الإعدادات.',
  'failure.bundled.certificate': 'تحقّق من الأمان (TLS أو STARTTLS) والمنفذ لهذا الحساب في الإعدادات.',
  'failure.bundled.connection': 'تحقّق من الخادم والمنفذ في الإعدادات، ومن أن خادم البريد يعمل. يواصل Mailtray المحاولة.',
  'failure.bundled.folder': 'تحقّق من اسم المجلد لهذا الحساب في الإعدادات.',
  'failure.bundled.generic': 'يواصل Mailtray المحاولة. إن استمرت المشكلة فتحقّق من الحساب في الإعدادات.',
  'failure.bundled.hostNotFound': 'تحقّق من اسم الخادم لهذا الحساب في الإعدادات.',
  'failure.bundled.limit': 'لا يقبل خادم البريد اتصالات أخرى الآن. يواصل Mailtray المحاولة؛ أغلق برامج البريد الأخرى إن استمرت المشكلة.',
  'failure.bundled.setup': 'تحقّق من إعدادات هذا الحساب.',
  'failure.remote.auth': 'اطلب من مشغّل الخادم التحقق من بيانات الدخول لصندوق البريد هذا.',
  'failure.remote.authExpired': 'اطلب من مشغّل الخادم تسجيل الدخول إلى صندوق البريد هذا مجددًا.',
  'failure.remote.certificate': 'اطلب من مشغّل الخادم التحقق من إعدادات TLS لصندوق البريد هذا.',
  'failure.remote.connection': 'لا يصل الخادم إلى خادم البريد لصندوق البريد هذا. يواصل Mailtray المحاولة.',
  'failure.remote.folder': 'اطلب من مشغّل الخادم التحقق من مجلد صندوق البريد هذا.',
  'failure.remote.generic': 'يواصل Mailtray المحاولة. إن استمرت المشكلة فأبلغ مشغّل الخادم.',
  'failure.remote.hostNotFound': 'لا يجد الخادم خادم البريد لصندوق البريد هذا؛ اسأل مشغّله.',
  'failure.remote.limit': 'لا يقبل خادم البريد الآن اتصالات أخرى من خادم العدّ. يواصل Mailtray المحاولة.',
  'failure.remote.setup': 'اطلب من مشغّل الخادم التحقق من إعدادات صندوق البريد هذا.',
  // ---- language.* : Language names and the language setting: i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'language.system': 'لغة النظام ({language})',
  // ---- notification.* : Notifications (main/notifications/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'notification.action.markRead': 'تعليم كمقروءة',
  'notification.action.open': 'فتح',
  'notification.from': 'من {senders}',
  'notification.mailboxCount': '{name} {count}',
  'notification.moreMailboxes': '{count, plural, zero {لا صناديق أخرى} one {صندوق آخر} two {صندوقان آخران} few {# صناديق أخرى} many {# صندوقًا آخر} other {# صندوق آخر}}',
  'notification.moreMessages': '{count, plural, zero {ولا رسائل أخرى} one {ورسالة أخرى} two {ورسالتان أخريان} few {و# رسائل أخرى} many {و# رسالة أخرى} other {و# رسالة أخرى}}',
  'notification.moreSenders': '{count, plural, zero {لا رسائل أخرى} one {رسالة أخرى} two {رسالتان أخريان} few {# رسائل أخرى} many {# رسالة أخرى} other {# رسالة أخرى}}',
  'notification.newInMailbox': '{count, plural, zero {لا رسائل جديدة في {mailbox}} one {رسالة جديدة في {mailbox}} two {رسالتان جديدتان في {mailbox}} few {# رسائل جديدة في {mailbox}} many {# رسالة جديدة في {mailbox}} other {# رسالة جديدة في {mailbox}}}',
  'notification.newInMailboxes': '{count, plural, zero {لا رسائل جديدة} one {رسالة جديدة} two {رسالتان جديدتان} few {# رسائل جديدة} many {# رسالة جديدة} other {# رسالة جديدة}} في {mailboxes, plural, zero {لا صناديق} one {صندوق واحد} two {صندوقين} few {# صناديق} many {# صندوقًا} other {# صندوق}}',
  'notification.newInTwo': '{count, plural, zero {لا رسائل جديدة} one {رسالة جديدة} two {رسالتان جديدتان} few {# رسائل جديدة} many {# رسالة جديدة} other {# رسالة جديدة}}: {first} {firstCount}، {second} {secondCount}',
  'notification.noSubject': '(بلا موضوع)',
  'notification.oneMessage': '{subject} — {mailbox}',
  'notification.oneMessageSenderOnly': 'رسالة جديدة في {mailbox}',
  'notification.senderAndSubject': '{sender}: {subject}',
  'notification.summaryBody': 'يراقب Mailtray صناديق بريدك',
  'notification.summaryMany': '{count, plural, zero {لا رسائل غير مقروءة} one {رسالة غير مقروءة} two {رسالتان غير مقروءتين} few {# رسائل غير مقروءة} many {# رسالة غير مقروءة} other {# رسالة غير مقروءة}} في {mailboxes, plural, zero {لا صناديق} one {صندوق واحد} two {صندوقين} few {# صناديق} many {# صندوقًا} other {# صندوق}}',
  'notification.summaryOne': '{count, plural, zero {لا رسائل غير مقروءة} one {رسالة غير مقروءة} two {رسالتان غير مقروءتين} few {# رسائل غير مقروءة} many {# رسالة غير مقروءة} other {# رسالة غير مقروءة}}: {first} {firstCount}',
  'notification.summaryTwo': '{count, plural, zero {لا رسائل غير مقروءة} one {رسالة غير مقروءة} two {رسالتان غير مقروءتين} few {# رسائل غير مقروءة} many {# رسالة غير مقروءة} other {# رسالة غير مقروءة}}: {first} {firstCount}، {second} {secondCount}',
  'notification.unreadInAll': '{count, plural, zero {لا رسائل غير مقروءة إجمالًا} one {رسالة غير مقروءة إجمالًا} two {رسالتان غير مقروءتين إجمالًا} few {# رسائل غير مقروءة إجمالًا} many {# رسالة غير مقروءة إجمالًا} other {# رسالة غير مقروءة إجمالًا}}',
  // ---- settings.* : The window's settings (renderer/settings/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
  // ---- signIn.* : The sign-in pages the loopback listener serves (main/oauth/sign-in-page.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- snooze.* : Snooze choices (common/snooze.ts): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'snooze.forHours': '{count, plural, zero {لمدة # ساعة} one {لمدة ساعة} two {لمدة ساعتين} few {لمدة # ساعات} many {لمدة # ساعة} other {لمدة # ساعة}}',
  'snooze.forMinutes': '{count, plural, zero {لمدة # دقيقة} one {لمدة دقيقة} two {لمدة دقيقتين} few {لمدة # دقائق} many {لمدة # دقيقة} other {لمدة # دقيقة}}',
  'snooze.off': 'إيقاف',
  'snooze.untilTomorrow': 'حتى الغد الساعة {time}',
  // ---- tray.* : Tray menu, tooltip, badge words (main/tray/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'tray.menu.checkNow': 'تحقق الآن',
  'tray.menu.mailbox': '{name} - {count}',
  'tray.menu.mailboxFailing': '{name} - {reason}',
  'tray.menu.mailboxPending': '{name} - …',
  'tray.menu.more': '{count, plural, zero {لا صناديق أخرى…} one {وصندوق آخر…} two {وصندوقان آخران…} few {و# صناديق أخرى…} many {و# صندوقًا آخر…} other {و# صندوق آخر…}}',
  'tray.menu.noMailboxes': 'لا توجد صناديق بريد بعد',
  'tray.menu.open': 'فتح Mailtray',
  'tray.menu.quit': 'إنهاء Mailtray',
  'tray.menu.retry': 'إعادة المحاولة',
  'tray.menu.retryNow': 'إعادة المحاولة الآن',
  'tray.menu.settings': 'الإعدادات…',
  'tray.menu.snooze': 'إيقاف الإشعارات مؤقتًا',
  'tray.menu.snoozedUntil': 'متوقفة مؤقتًا حتى {time}',
  'tray.overlay.unread': '{count, plural, zero {لا رسائل غير مقروءة} one {رسالة غير مقروءة} two {رسالتان غير مقروءتين} few {# رسائل غير مقروءة} many {# رسالة غير مقروءة} other {# رسالة غير مقروءة}}',
  'tray.tooltip.confirmedAt': 'آخر تأكيد للأعداد: {time}',
  'tray.tooltip.mailbox': '{name}: {count}',
  'tray.tooltip.mailboxFailing': '{name}: {count}، {reason}',
  'tray.tooltip.mailboxPending': '{name}: في انتظار العدد',
  'tray.tooltip.snoozedUntil': 'الإشعارات متوقفة مؤقتًا حتى {time}',
  'tray.tooltip.total': '{count, plural, zero {Mailtray: لا رسائل غير مقروءة} one {Mailtray: رسالة غير مقروءة} two {Mailtray: رسالتان غير مقروءتين} few {Mailtray: # رسائل غير مقروءة} many {Mailtray: # رسالة غير مقروءة} other {Mailtray: # رسالة غير مقروءة}}',
  // ---- window.* : The window's mail view, connection panel, tabs (renderer/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
};
