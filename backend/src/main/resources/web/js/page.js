// What every page without a session shares (the public pages and the staff sign-in): the language
// (?lang=, else the browser's, else Russian) and the page's fixed texts from [data-text] keys, set as text only.

export function language(texts, params) {
  const wanted = [params.get('lang'), ...(navigator.languages || [])].filter(Boolean).map((l) => l.slice(0, 2).toLowerCase());
  return wanted.find((l) => l in texts) || 'ru';
}

export function localise(t, lang, params) {
  document.documentElement.lang = lang;
  document.title = `${t.title} · ${t.brand}`;
  for (const e of document.querySelectorAll('[data-text]')) e.textContent = t[e.dataset.text];
  for (const a of document.querySelectorAll('[data-lang]')) {
    const link = new URLSearchParams(params);
    link.set('lang', a.dataset.lang);
    a.href = `?${link}`;
    if (a.dataset.lang === lang) a.setAttribute('aria-current', 'true');
  }
}
