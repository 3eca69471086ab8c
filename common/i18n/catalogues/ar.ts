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
