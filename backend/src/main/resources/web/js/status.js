// The public status page: a request by its number, for anyone. Everything shown comes from
// /api/v1/public/requests/{number} and is put on the page as text, never as HTML.

import { language, localise } from './page.js';

const TEXTS = {
  ru: {
    brand: 'Открытый город', title: 'Статус заявки', numberLabel: 'Номер заявки', show: 'Показать',
    address: 'Адрес', organisation: 'Ответственный', filed: 'Подана', updated: 'Изменена', history: 'История',
    comments: 'Комментарии', photos: 'Фотографии работы', none: 'Нет.', notFound: 'Заявка с таким номером не найдена.',
    failed: 'Не удалось получить статус, попробуйте позже.',
    tooMany: 'Слишком много запросов с вашего адреса. Повторите через {s} с.', due: 'срок', overdue: 'просрочена, срок был',
    status: {
      NEW: 'Новая', TRIAGE: 'Распределяется', ROUTED: 'Передана в организацию', ACCEPTED: 'Принята',
      ASSIGNED: 'Назначен исполнитель', IN_PROGRESS: 'В работе', DONE: 'Выполнена', CLOSED: 'Закрыта',
      CANCELLED: 'Отменена', DUPLICATE: 'Объединена с другой', REOPENED: 'Открыта снова',
    },
  },
  tt: {
    brand: 'Ачык шәһәр', title: 'Гариза статусы', numberLabel: 'Гариза номеры', show: 'Күрсәтү',
    address: 'Адрес', organisation: 'Җаваплы', filed: 'Бирелде', updated: 'Үзгәртелде', history: 'Тарих',
    comments: 'Аңлатмалар', photos: 'Эш фотолары', none: 'Юк.', notFound: 'Мондый номерлы гариза табылмады.',
    failed: 'Статусны алып булмады, соңрак тырышып карагыз.',
    tooMany: 'Сезнең адрестан сораулар артык күп. {s} с. узгач кабатлагыз.', due: 'срогы', overdue: 'вакыты узды, срогы иде',
    status: {
      NEW: 'Яңа', TRIAGE: 'Бүленә', ROUTED: 'Оешмага тапшырылды', ACCEPTED: 'Кабул ителде',
      ASSIGNED: 'Башкаручы билгеләнде', IN_PROGRESS: 'Эштә', DONE: 'Үтәлде', CLOSED: 'Ябылды',
      CANCELLED: 'Юкка чыгарылды', DUPLICATE: 'Башкасы белән берләштерелде', REOPENED: 'Яңадан ачылды',
    },
  },
  en: {
    brand: 'Open City', title: 'Request status', numberLabel: 'Request number', show: 'Show',
    address: 'Address', organisation: 'Responsible', filed: 'Filed', updated: 'Last change', history: 'History',
    comments: 'Comments', photos: 'Photos of the work', none: 'None.', notFound: 'No request has this number.',
    failed: 'The status could not be fetched; please try again later.',
    tooMany: 'Too many lookups from your address. Try again in {s} s.', due: 'due', overdue: 'overdue, was due',
    status: {
      NEW: 'New', TRIAGE: 'Being routed', ROUTED: 'With the organisation', ACCEPTED: 'Accepted',
      ASSIGNED: 'Technician assigned', IN_PROGRESS: 'In progress', DONE: 'Done', CLOSED: 'Closed',
      CANCELLED: 'Cancelled', DUPLICATE: 'Joined with another', REOPENED: 'Reopened',
    },
  },
};

const params = new URLSearchParams(location.search);
const lang = language(TEXTS, params);
const t = TEXTS[lang];
const $ = (id) => document.getElementById(id);

function when(iso) {
  return new Date(iso).toLocaleString(lang === 'tt' ? 'tt-RU' : lang, { dateStyle: 'medium', timeStyle: 'short' });
}

function element(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function show(r) {
  $('problem').hidden = true;
  $('heading').textContent = `${r.number} · ${r.categoryName}`;
  const status = $('status');
  status.textContent = t.status[r.status] || r.status;
  status.className = `chip ${r.status === 'DONE' ? 'done' : ['CLOSED', 'CANCELLED', 'DUPLICATE'].includes(r.status) ? 'closed' : ''}`;
  const deadline = $('deadline');
  deadline.className = r.overdue ? 'overdue' : '';
  deadline.textContent = r.dueAt ? `${r.overdue ? t.overdue : t.due} ${when(r.dueAt)}` : '';
  $('address').textContent = r.address || '—';
  $('organisation').textContent = r.organisationName || '—';
  $('filed').textContent = when(r.createdAt);
  $('updated').textContent = when(r.updatedAt);
  const history = $('history');
  history.replaceChildren(...r.history.map((s) => {
    const li = element('li');
    li.append(element('time', when(s.at)), element('span', t.status[s.status] || s.status));
    return li;
  }));
  const comments = $('comments');
  comments.replaceChildren(...(r.comments.length ? r.comments.map((c) => {
    const li = element('li');
    li.append(element('time', when(c.at)), element('span', c.author, 'author'), element('span', c.text, 'text'));
    return li;
  }) : [element('li', t.none)]));
  const photos = $('photos');
  photos.replaceChildren(...(r.photos.length ? r.photos.map((p) => {
    const img = element('img');
    img.src = p.url;
    img.alt = `${p.kind} ${r.number}`;
    img.loading = 'lazy';
    return img;
  }) : [element('p', t.none)]));
  $('result').hidden = false;
}

function fail(message) {
  $('result').hidden = true;
  const problem = $('problem');
  problem.textContent = message;
  problem.hidden = false;
}

async function lookUp(number) {
  const clean = number.trim();
  if (!clean) return;
  try {
    const response = await fetch(`/api/v1/public/requests/${encodeURIComponent(clean)}?lang=${lang}`,
                                 { headers: { Accept: 'application/json' } });
    if (response.status === 404) return fail(t.notFound);
    if (response.status === 429) return fail(t.tooMany.replace('{s}', response.headers.get('Retry-After') || '60'));
    if (!response.ok) return fail(t.failed);
    const found = await response.json();
    const link = new URLSearchParams(params);   // the canonical number, whatever was typed, to share
    link.set('number', found.number);
    history.replaceState(null, '', `?${link}`);
    $('number').value = found.number;
    show(found);
  } catch {
    fail(t.failed);
  }
}

localise(t, lang, params);
$('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  const number = $('number').value;
  const link = new URLSearchParams(params);
  link.set('number', number.trim().toUpperCase());
  history.replaceState(null, '', `?${link}`);
  lookUp(number);
});
if (params.get('number')) {
  $('number').value = params.get('number');
  lookUp(params.get('number'));
}
