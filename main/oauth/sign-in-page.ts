import type { Translator } from '../../common/i18n/translator.ts';
import { escapeMarkup } from '../../common/markup.ts';

/**
 * The page the browser tab shows after the provider sends it back to Mailtray:
 * plain words in the app's language (its `lang` and `dir` on the page), no script.
 * `title` and `sentences` are worded already; each sentence is a whole one.
 */
export function signInPage(words: Translator, title: string, sentences: readonly string[]): string {
  return `<!doctype html>
<html lang="${escapeMarkup(words.locale)}" dir="${words.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mailtray: ${escapeMarkup(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; min-height: 100vh; display: grid; place-items: center;
         color: #1f2328; background: #f6f8fa; }
  main { max-width: 28rem; padding: 2rem; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
  h1 { font-size: 1.25rem; margin: 0 0 .5rem; }
  p { margin: 0; }
  @media (prefers-color-scheme: dark) {
    body { color: #e6edf3; background: #0d1117; }
    main { background: #161b22; border-color: #30363d; }
  }
</style>
</head>
<body><main><h1>${escapeMarkup(title)}</h1><p>${sentences.map(escapeMarkup).join(' ')}</p></main></body>
</html>
`;
}
