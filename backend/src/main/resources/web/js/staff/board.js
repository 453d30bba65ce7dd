// The live board: the requests the signed-in person may see, filtered and sorted as they choose,
// a page at a time (keyset), with counts per status. A server-sent-events feed says which requests
// changed; the board then asks the ordinary search again, so it never shows what the person may not see.

import { $, api, chrome, deadline, el, lang, liveFeed, params, problem, start, statusChip, when } from './session.js';

// Opens on what needs someone: the open requests, most urgent first; what a person chooses is kept for them
// (in this browser, per signed-in user), so the board opens the way they left it.
const OPEN = ['NEW', 'ROUTED', 'TRIAGE', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'].join(',');

const TEXTS = {
  ru: { title: 'Заявки', triageTitle: 'Очередь распределения', connecting: 'подключение…', live: 'обновляется вживую',
        offline: 'нет связи, переподключение…', statusLabel: 'Статус', district: 'Район', organisation: 'Организация',
        category: 'Категория', channelLabel: 'Канал', from: 'С', to: 'По', search: 'Номер, адрес, текст', sort: 'Порядок',
        newest: 'сначала новые', urgent: 'сначала срочные', overdueOnly: 'просроченные', dueSoonOnly: 'срок скоро',
        apply: 'Показать', reset: 'Сбросить', any: 'все', number: 'Номер', deadline: 'Срок', address: 'Адрес',
        created: 'Подана', empty: 'Ничего не найдено.', more: 'Показать ещё', total: 'всего',
        open: 'открытые', technician: 'Исполнитель', emergency: 'авария', waiting: 'ждёт' },
  tt: { title: 'Гаризалар', triageTitle: 'Бүлү чираты', connecting: 'тоташу…', live: 'тере яңара',
        offline: 'элемтә юк, яңадан тоташу…', statusLabel: 'Статус', district: 'Район', organisation: 'Оешма',
        category: 'Төркем', channelLabel: 'Канал', from: 'Башы', to: 'Ахыры', search: 'Номер, адрес, текст', sort: 'Тәртип',
        newest: 'яңалары башта', urgent: 'ашыгычлары башта', overdueOnly: 'вакыты узган', dueSoonOnly: 'вакыты якын',
        apply: 'Күрсәтү', reset: 'Чистарту', any: 'барысы', number: 'Номер', deadline: 'Срок', address: 'Адрес',
        created: 'Бирелде', empty: 'Берни дә табылмады.', more: 'Тагын күрсәтү', total: 'барлыгы',
        open: 'ачык', technician: 'Башкаручы', emergency: 'авария', waiting: 'көтә' },
  en: { title: 'Requests', triageTitle: 'Triage queue', connecting: 'connecting…', live: 'live',
        offline: 'connection lost, reconnecting…', statusLabel: 'Status', district: 'District', organisation: 'Organisation',
        category: 'Category', channelLabel: 'Channel', from: 'From', to: 'To', search: 'Number, address, text', sort: 'Sort',
        newest: 'newest first', urgent: 'most urgent first', overdueOnly: 'overdue', dueSoonOnly: 'due soon',
        apply: 'Show', reset: 'Clear', any: 'any', number: 'Number', deadline: 'Deadline', address: 'Address',
        created: 'Filed', empty: 'Nothing matches.', more: 'Load more', total: 'total',
        open: 'open', technician: 'Technician', emergency: 'emergency', waiting: 'waiting' },
};
const PAGE = 50;
const FIELDS = ['status', 'district', 'organisation', 'category', 'channel', 'from', 'to', 'q', 'sort'];
const triage = params.get('view') === 'triage';
if (triage) for (const l of Object.values(TEXTS)) l.title = l.triageTitle;

const { me, t } = await start(TEXTS);
const rows = $('requests').tBodies[0];
let next = null;
let shown = [];

function option(select, value, text) {
  const o = el('option', text);
  o.value = value;
  select.append(o);
}

async function fillChoices() {
  $('f-status-open').value = OPEN;
  for (const s of Object.keys(chrome.status)) option($('f-status'), s, chrome.status[s]);
  for (const c of Object.keys(chrome.channel)) option($('f-channel'), c, chrome.channel[c]);
  const [districts, categories] = await Promise.all([api('/api/v1/districts'), api('/api/v1/categories')]);
  for (const d of districts) option($('f-district'), d.code, d.name);
  for (const c of categories) option($('f-category'), c.code, c.name);
  if (me.roles.some((r) => ['CITY_DISPATCHER', 'CITY_ADMIN', 'CALL_CENTRE_OPERATOR'].includes(r))) {
    const organisations = await api('/api/v1/admin/organisations');
    for (const o of organisations) option($('f-organisation'), o.id, lang === 'en' ? o.nameEn : o.nameRu);
  } else {
    $('f-organisation-label').hidden = true;
    $('requests').classList.add('no-organisation');   // it is always their own
  }
}

function query(after) {
  const q = new URLSearchParams();
  for (const f of FIELDS) {
    const v = $(`f-${f}`).value.trim();
    if (v) q.set(f, v);
  }
  for (const f of ['overdue', 'dueSoon']) if ($(`f-${f}`).checked) q.set(f, 'true');
  if (triage && !q.has('status')) q.set('status', 'TRIAGE');
  q.set('limit', String(after ? PAGE : Math.min(200, Math.max(PAGE, shown.length))));
  if (after) q.set('after', after);
  return q;
}

const KEPT = `oc.board.${triage ? 'triage' : 'all'}.${me.id}`;

function remember() {
  const link = new URLSearchParams(query());
  link.delete('limit');
  try {
    localStorage.setItem(KEPT, link.toString());
  } catch {
    // private mode or full storage: the board still works, it just forgets
  }
  if (triage) link.set('view', 'triage');
  if (params.get('lang')) link.set('lang', params.get('lang'));
  history.replaceState(null, '', `?${link}`);
}

function row(r, fresh) {
  const tr = el('tr');
  tr.dataset.id = r.id;
  const d = deadline(r);
  if (d.className === 'overdue' || d.className === 'due-soon') tr.classList.add(d.className);
  if (fresh) tr.classList.add('fresh');
  const link = el('a', r.number);
  link.href = `/staff/request.html?id=${encodeURIComponent(r.id)}`;
  const number = el('td');
  number.append(link);
  number.className = 'req-number';
  if (r.priority === 'EMERGENCY') number.append(el('span', t.emergency, 'badge emergency'));
  const status = el('td');
  status.append(statusChip(r.status));
  if (r.status === 'TRIAGE') status.append(el('span', `${t.waiting} ${age(r.createdAt)}`, 'age'));
  const due = el('td', d.text, `deadline ${d.className}`);
  tr.append(number, status, due, el('td', r.categoryName), el('td', r.address), el('td', r.organisationName || '—', 'organisation'),
            el('td', r.technicianName || '—'), el('td', chrome.channel[r.channel] || r.channel), el('td', when(r.createdAt)));
  tr.summary = r;
  return tr;
}

/** How long a triage item has waited: "40 мин", "3 ч 20 мин", "2 дн 4 ч". */
function age(iso) {
  const minutes = Math.max(1, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} ${chrome.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} ${chrome.h} ${minutes % 60} ${chrome.min}` : `${hours} ${chrome.h}`;
  return hours % 24 ? `${Math.floor(hours / 24)} ${chrome.d} ${hours % 24} ${chrome.h}` : `${Math.floor(hours / 24)} ${chrome.d}`;
}

function counts(map) {
  const box = $('counts');
  const chosen = $('f-status').value;
  const total = Object.values(map).reduce((a, b) => a + b, 0);
  const all = el('button', `${t.any} · ${total}`);
  all.type = 'button';
  all.setAttribute('aria-pressed', String(!chosen));
  all.addEventListener('click', () => { $('f-status').value = ''; load(); });
  const buttons = [all];
  for (const s of Object.keys(chrome.status)) {
    if (!map[s]) continue;
    const b = el('button', `${chrome.status[s]} · ${map[s]}`);
    b.type = 'button';
    b.dataset.status = s;
    b.setAttribute('aria-pressed', String(chosen === s));
    b.addEventListener('click', () => { $('f-status').value = s; load(); });
    buttons.push(b);
  }
  box.replaceChildren(...buttons);
}

let changed = new Set();

async function load() {
  remember();
  try {
    const page = await api(`/api/v1/requests?${query()}`);
    $('problem').hidden = true;
    shown = page.items;
    next = page.next;
    rows.replaceChildren(...shown.map((r) => row(r, changed.has(r.id))));
    changed = new Set();
    counts(page.counts);
    $('empty').hidden = shown.length > 0;
    $('more').hidden = !next;
  } catch (e) {
    problem(e);
  }
}

async function more() {
  if (!next) return;
  try {
    const page = await api(`/api/v1/requests?${query(next)}`);
    shown = shown.concat(page.items);
    next = page.next;
    rows.append(...page.items.map((r) => row(r, false)));
    $('more').hidden = !next;
  } catch (e) {
    problem(e);
  }
}

function tick() {
  for (const tr of rows.rows) {
    const d = deadline(tr.summary);
    const cell = tr.querySelector('.deadline');
    cell.textContent = d.text;
    cell.className = `deadline ${d.className}`;
    tr.classList.toggle('overdue', d.className === 'overdue');
    tr.classList.toggle('due-soon', d.className === 'due-soon');
    const waited = tr.querySelector('.age');
    if (waited) waited.textContent = `${t.waiting} ${age(tr.summary.createdAt)}`;
  }
}

let pending = null;
function soon() {
  clearTimeout(pending);
  pending = setTimeout(load, 300);
}

function connect() {
  const live = $('live');
  liveFeed({
    changed: (id) => { changed.add(id); soon(); },
    reload: soon,
    state: (on) => {
      live.textContent = on ? t.live : t.offline;
      live.classList.toggle('on', on);
    },
  });
}

/** The defaults: open requests (or the triage queue), most urgent first. */
function defaults() {
  $('f-status').value = triage ? 'TRIAGE' : OPEN;
  $('f-sort').value = 'DUE';
}

/** Filters from the address when it has any (a shared link), else as this person left them, else the defaults. */
function fromAddress() {
  let chosen = params;
  if (![...FIELDS, 'overdue', 'dueSoon'].some((f) => params.has(f))) {
    let kept = null;
    try {
      kept = localStorage.getItem(KEPT);
    } catch {
      kept = null;
    }
    if (kept === null) {
      defaults();
      return;
    }
    chosen = new URLSearchParams(kept);
  }
  for (const f of FIELDS) $(`f-${f}`).value = chosen.get(f) || '';
  if (!$('f-sort').value) $('f-sort').value = 'CREATED';
  if ($('f-status').selectedIndex < 0) $('f-status').value = '';
  for (const f of ['overdue', 'dueSoon']) $(`f-${f}`).checked = chosen.get(f) === 'true';
  if (triage && !chosen.get('status')) $('f-status').value = 'TRIAGE';
}

await fillChoices();
fromAddress();
$('filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
$('filters').addEventListener('change', (e) => { if (e.target.type !== 'search' && e.target.type !== 'date') load(); });
$('reset').addEventListener('click', () => { $('filters').reset(); defaults(); load(); });
$('more').addEventListener('click', more);
connect();   // first, so a change made while the first page loads is not missed
await load();
setInterval(tick, 30_000);
