// What every staff page shares: the session (cookies set by /api/v1/auth/web, the CSRF header on
// every unsafe call, one refresh when the access token has expired), the page chrome (navigation
// by role, language, sign-out), status names and deadline wording in ru/tt/en, and small helpers
// that only ever put text on the page.

const CHROME = {
  ru: {
    brand: 'Открытый город', board: 'Заявки', triage: 'Распределение', map: 'Карта', desk: 'Колл-центр',
    admin: 'Администрирование', feedback: 'Обращения к городу', reports: 'Отчёты', cabinet: 'Показатели', signOut: 'Выйти', menu: 'Меню', sections: 'Разделы', failed: 'Не удалось выполнить запрос.',
    left: 'осталось', over: 'просрочено на', paused: 'часы остановлены', min: 'мин', h: 'ч', d: 'дн',
    stage: { ACCEPT: 'принять', START: 'начать', COMPLETE: 'выполнить', CONFIRM: 'подтверждение жителя' },
    status: {
      NEW: 'Новая', TRIAGE: 'На распределении', ROUTED: 'Передана', ACCEPTED: 'Принята', ASSIGNED: 'Назначена',
      IN_PROGRESS: 'В работе', DONE: 'Выполнена', CLOSED: 'Закрыта', CANCELLED: 'Отменена', DUPLICATE: 'Дубликат',
      REOPENED: 'Открыта снова',
    },
    channel: { MOBILE: 'Приложение', WEB: 'Сайт', CALL_CENTRE: 'Колл-центр', API: 'API', OPEN311: 'Open311' },
  },
  tt: {
    brand: 'Ачык шәһәр', board: 'Гаризалар', triage: 'Бүлү', map: 'Карта', desk: 'Колл-үзәк',
    admin: 'Идарә итү', feedback: 'Шәһәргә мөрәҗәгатьләр', reports: 'Хисаплар', cabinet: 'Күрсәткечләр', signOut: 'Чыгу', menu: 'Меню', sections: 'Бүлекләр', failed: 'Соратуны үтәп булмады.',
    left: 'калды', over: 'вакыты узды', paused: 'сәгать туктатылган', min: 'мин', h: 'сәг', d: 'көн',
    stage: { ACCEPT: 'кабул итү', START: 'башлау', COMPLETE: 'үтәү', CONFIRM: 'яшәүче раславы' },
    status: {
      NEW: 'Яңа', TRIAGE: 'Бүлүдә', ROUTED: 'Тапшырылды', ACCEPTED: 'Кабул ителде', ASSIGNED: 'Билгеләнде',
      IN_PROGRESS: 'Эштә', DONE: 'Үтәлде', CLOSED: 'Ябылды', CANCELLED: 'Юкка чыгарылды', DUPLICATE: 'Кабатлау',
      REOPENED: 'Яңадан ачылды',
    },
    channel: { MOBILE: 'Кушымта', WEB: 'Сайт', CALL_CENTRE: 'Колл-үзәк', API: 'API', OPEN311: 'Open311' },
  },
  en: {
    brand: 'Open City', board: 'Requests', triage: 'Triage', map: 'Map', desk: 'Call centre',
    admin: 'Administration', feedback: 'Feedback to the city', reports: 'Reports', cabinet: 'Indicators', signOut: 'Sign out', menu: 'Menu', sections: 'Sections', failed: 'The request failed.',
    left: 'left', over: 'overdue by', paused: 'clock paused', min: 'min', h: 'h', d: 'd',
    stage: { ACCEPT: 'accept', START: 'start', COMPLETE: 'complete', CONFIRM: 'resident to confirm' },
    status: {
      NEW: 'New', TRIAGE: 'In triage', ROUTED: 'Routed', ACCEPTED: 'Accepted', ASSIGNED: 'Assigned',
      IN_PROGRESS: 'In progress', DONE: 'Done', CLOSED: 'Closed', CANCELLED: 'Cancelled', DUPLICATE: 'Duplicate',
      REOPENED: 'Reopened',
    },
    channel: { MOBILE: 'App', WEB: 'Web', CALL_CENTRE: 'Call centre', API: 'API', OPEN311: 'Open311' },
  },
};

const CITY = ['CITY_DISPATCHER', 'CITY_ADMIN'];
const ORG = ['ORG_DISPATCHER', 'ORG_ADMIN'];
const NAV = [
  { key: 'board', href: '/staff/board.html', roles: [...CITY, ...ORG, 'CALL_CENTRE_OPERATOR'] },
  { key: 'triage', href: '/staff/board.html?view=triage', roles: CITY },
  { key: 'map', href: '/staff/map.html', roles: [...CITY, ...ORG, 'CALL_CENTRE_OPERATOR'] },
  { key: 'desk', href: '/staff/desk.html', roles: ['CALL_CENTRE_OPERATOR'] },
  { key: 'feedback', href: '/staff/feedback.html', roles: CITY },
  { key: 'reports', href: '/staff/reports.html', roles: [...CITY, ...ORG] },
  { key: 'cabinet', href: '/staff/cabinet.html', roles: [...CITY, ...ORG] },
  { key: 'admin', href: '/staff/admin.html', roles: ['ORG_ADMIN', 'CITY_ADMIN'] },
];

export const params = new URLSearchParams(location.search);

/** ?lang=, else the one remembered, else the browser's, else Russian. */
export const lang = (() => {
  const wanted = [params.get('lang'), localStorage.getItem('oc.lang'), ...(navigator.languages || [])]
    .filter(Boolean).map((l) => l.slice(0, 2).toLowerCase());
  const found = wanted.find((l) => l in CHROME) || 'ru';
  localStorage.setItem('oc.lang', found);
  return found;
})();
export const chrome = CHROME[lang];

/** Thrown for an answer that is not 2xx: the problem document, when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

function csrf() {
  const entry = document.cookie.split('; ').find((c) => c.startsWith('oc_csrf='));
  return entry ? decodeURIComponent(entry.slice(8)) : '';
}

let refreshing = null;

/** Spends the refresh cookie once for everyone waiting; answers whether the session lives on. */
export function refresh() {
  refreshing ??= fetch('/api/v1/auth/web/refresh', { method: 'POST', headers: { 'X-CSRF-Token': csrf() } })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => { setTimeout(() => { refreshing = null; }, 0); });
  return refreshing;
}

function toSignIn() {
  location.assign(`/staff/login.html?next=${encodeURIComponent(location.pathname + location.search)}`);
  return new Promise(() => {});   // the page is going away
}

/** Calls the API as the signed-in user; JSON in and out; sends the user to sign in when the session is gone. */
export async function api(path, { method = 'GET', body, retried = false } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': lang };   // answers (a filing's read-back too) in the page's language
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const sep = path.includes('?') ? '&' : '?';
  const response = await fetch(`${path}${method === 'GET' ? `${sep}lang=${lang}` : ''}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && !retried) {
    if (await refresh()) return api(path, { method, body, retried: true });
    return toSignIn();
  }
  if (response.status === 401) return toSignIn();
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Creates an element with text (never HTML) and an optional class. */
export function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

export const $ = (id) => document.getElementById(id);

/** The language's number and date conventions: Tatar follows Russian's (decimal comma, "12 дек. 2026"). */
const conventions = lang === 'tt' ? 'ru' : lang;

export function when(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(conventions, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar day ("2026-12-12") as people write it: "12 дек. 2026 г.", "12 Dec 2026". */
export function day(isoDay) {
  if (!isoDay) return '—';
  return new Date(`${isoDay}T12:00:00Z`).toLocaleDateString(conventions, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** A figure with the language's separators ("12,5", "1 234"), at most two decimals; a dash for none. */
export function number(value) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(conventions, { maximumFractionDigits: 2 }).format(value);
}

/** Minutes as people say them: "40 мин", "3 ч 20 мин", "2 дн 4 ч"; a dash for none. */
export function duration(minutes) {
  if (minutes === null || minutes === undefined) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} ${chrome.min}`;
  const hours = Math.floor(m / 60);
  if (hours < 48) return m % 60 ? `${hours} ${chrome.h} ${m % 60} ${chrome.min}` : `${hours} ${chrome.h}`;
  return hours % 24 ? `${Math.floor(hours / 24)} ${chrome.d} ${hours % 24} ${chrome.h}` : `${Math.floor(hours / 24)} ${chrome.d}`;
}

function span(ms) {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
  if (minutes < 60) return `${minutes} ${chrome.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} ${chrome.h} ${minutes % 60} ${chrome.min}`;
  return `${Math.floor(hours / 24)} ${chrome.d} ${hours % 24} ${chrome.h}`;
}

/** "2 h 5 min left" / "overdue by 40 min" for a request summary, with the class to colour it. */
export function deadline(summary, now = Date.now()) {
  if (summary.clockPaused) return { text: chrome.paused, className: 'paused' };
  if (!summary.dueAt) return { text: '', className: '' };
  const ms = new Date(summary.dueAt).getTime() - now;
  const stage = summary.stage ? `${chrome.stage[summary.stage] || summary.stage}: ` : '';
  if (summary.stage === 'CONFIRM') {   // the resident's window, not anyone's deadline: it simply closes
    return { text: ms > 0 ? `${stage}${span(ms)} ${chrome.left}` : `${stage}${when(summary.dueAt)}`, className: '' };
  }
  if (ms < 0 || summary.overdue) return { text: `${stage}${chrome.over} ${span(ms)}`, className: 'overdue' };
  return { text: `${stage}${span(ms)} ${chrome.left}`, className: summary.dueSoon ? 'due-soon' : 'on-time' };
}

export function statusChip(status) {
  return el('span', chrome.status[status] || status, `chip status-${status}`);
}

/** Shows a failure where the page keeps its messages. */
export function problem(error, target = $('problem')) {
  if (!target) return;
  const fields = error?.problem?.errors || [];
  target.textContent = [error?.message || chrome.failed, ...fields.map((f) => `${f.field}: ${f.message}`)].join(' · ');
  target.hidden = false;
}

/**
 * Signs the page in: asks who is here (sending them to sign in if nobody), draws the header with
 * what their roles may open, applies the page's fixed texts, and answers the person.
 */
export async function start(texts) {
  const t = { ...chrome, ...(texts[lang] || texts.en) };
  const me = await api('/api/v1/me');
  document.documentElement.lang = lang;
  document.title = `${t.title} · ${t.brand}`;
  for (const e of document.querySelectorAll('[data-text]')) e.textContent = t[e.dataset.text] ?? e.textContent;
  for (const e of document.querySelectorAll('[data-placeholder]')) e.placeholder = t[e.dataset.placeholder] ?? '';
  const header = document.createElement('header');
  header.className = 'bar';
  const brand = el('a', t.brand, 'brand');
  brand.href = '/staff/board.html';
  const nav = el('nav', null, 'nav');
  nav.id = 'sections';
  nav.setAttribute('aria-label', t.sections);
  // on a phone the sections fold behind a button (the CSS shows it only there), so the page starts near the top
  const toggle = el('button', t.menu, 'quiet nav-toggle');
  toggle.type = 'button';
  toggle.setAttribute('aria-controls', nav.id);
  toggle.setAttribute('aria-expanded', 'false');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    header.classList.toggle('open', open);
  });
  for (const item of NAV) {
    if (!item.roles.some((r) => me.roles.includes(r))) continue;
    const a = el('a', t[item.key]);
    a.href = item.href;
    a.dataset.nav = item.key;
    const [path, query] = item.href.split('?');
    const triage = params.get('view') === 'triage';
    if (location.pathname === path && (query ? triage : !triage)) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  const who = el('span', me.displayName, 'who');
  const languages = el('span', null, 'languages');
  for (const [code, label] of [['ru', 'Рус'], ['tt', 'Тат'], ['en', 'Eng']]) {
    const a = el('a', label);
    const link = new URLSearchParams(params);
    link.set('lang', code);
    a.href = `?${link}`;
    if (code === lang) a.setAttribute('aria-current', 'true');
    languages.append(a);
  }
  const out = el('button', t.signOut, 'quiet');
  out.type = 'button';
  out.id = 'sign-out';
  out.addEventListener('click', async () => {
    await fetch('/api/v1/auth/web/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrf() } }).catch(() => {});
    location.assign('/staff/login.html');
  });
  header.append(brand, toggle, nav, who, languages, out);
  document.body.prepend(header);
  labelCells();
  return { me, t };
}

/**
 * Gives every cell of a list table its column's heading as {@code data-label}, now and for rows
 * drawn later, so that at phone width the CSS can show each row as a card of labelled lines.
 */
function labelCells() {
  const label = () => {
    for (const table of document.querySelectorAll('main table')) {
      const headings = [...(table.tHead?.rows[0]?.cells || [])].map((h) => h.textContent.trim());
      if (!headings.length) continue;
      for (const body of table.tBodies) {
        for (const row of body.rows) {
          let column = 0;
          for (const cell of row.cells) {
            if (!cell.dataset.label && headings[column]) cell.dataset.label = headings[column];
            column += cell.colSpan || 1;
          }
        }
      }
    }
  };
  label();
  new MutationObserver(label).observe(document.querySelector('main') || document.body, { childList: true, subtree: true });
}

/**
 * The live feed of changed requests (server-sent events), shared by the staff pages: calls
 * {@code changed(id)} for each change and {@code reload()} when the feed lost track or came back
 * (anything may have changed meanwhile), {@code state(true|false)} as it connects and drops. The
 * feed is closed when the page is hidden and reopened when it is shown again: a browser speaking
 * HTTP/1.1 has only six connections per server, and a feed left open by a page in the
 * back-forward cache would hold one of them. Answers {@code opened}, a promise of the first connection.
 */
export function liveFeed({ changed = () => {}, reload = () => {}, state = () => {} }) {
  let feed = null;
  let retry = null;
  let opened = false;
  let first;
  const firstOpen = new Promise((resolve) => { first = resolve; });
  const open = () => {
    feed = new EventSource('/api/v1/requests/stream');
    feed.addEventListener('open', () => {
      state(true);
      if (opened) reload();   // back after a gap: anything may have changed meanwhile
      opened = true;
      first();
    });
    feed.addEventListener('changed', (e) => {
      try { changed(JSON.parse(e.data).id); } catch { /* not ours */ }
    });
    feed.addEventListener('reload', () => reload());
    feed.addEventListener('error', async () => {
      state(false);
      if (feed.readyState === EventSource.CLOSED) {   // refused (the session ended): refresh it, then try again
        await refresh();
        retry = setTimeout(open, 3000);
      }
    });
  };
  addEventListener('pagehide', () => { clearTimeout(retry); feed?.close(); });
  addEventListener('pageshow', (e) => { if (e.persisted) { opened = true; open(); } });
  open();
  return { opened: firstOpen };
}
