/**
 * The languages a terminal user prefers, most preferred first, as BCP 47 tags,
 * from the POSIX locale variables in the order gettext reads them:
 * `LANGUAGE` (a colon-separated list, honoured unless the locale is C),
 * then `LC_ALL`, `LC_MESSAGES`, `LANG`. `ko_KR.UTF-8@euro` is `ko-KR`;
 * the C and POSIX locales name no language.
 */
export function preferredLanguagesOf(env: NodeJS.ProcessEnv): string[] {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const tags: string[] = [];
  if (env.LANGUAGE && !isPosixLocale(locale)) tags.push(...env.LANGUAGE.split(':'));
  tags.push(locale);
  return [...new Set(tags.map(tagOf).filter((tag): tag is string => tag !== undefined))];
}

function isPosixLocale(locale: string): boolean {
  const name = locale.split('.')[0];
  return name === 'C' || name === 'POSIX';
}

function tagOf(locale: string): string | undefined {
  const name = locale.split(/[.@]/)[0]?.trim();
  if (!name || isPosixLocale(name)) return undefined;
  return name.replace('_', '-');
}
