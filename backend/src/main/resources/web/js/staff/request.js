// One request for staff: everything they may see, and exactly the actions the shared lifecycle
// allows them now (the server's availableActions), each with the inputs it needs. Every text a
// resident or colleague typed is shown as text.

import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { $, ApiError, api, chrome, deadline, el, lang, liveFeed, params, problem, start, statusChip, when } from './session.js';

const TEXTS = {
  ru: { title: 'Заявка', address: 'Адрес', place: 'Подъезд / этаж / квартира', reporter: 'Заявитель', channelLabel: 'Канал',
        organisation: 'Организация', technician: 'Исполнитель', priority: 'Приоритет', created: 'Подана', updated: 'Изменена',
        pause: 'Часы остановлены, причина', duplicateOf: 'Дубликат заявки', rating: 'Оценка жителя', deadlines: 'Сроки по этапам',
        photos: 'Фотографии', timeline: 'История и комментарии', actions: 'Действия', where: 'Где', none: 'Нет.',
        noActions: 'Сейчас вам нечего делать с этой заявкой.', reason: 'Причина', text: 'Текст', choose: 'выберите…',
        otherNumber: 'Номер основной заявки', notFound: 'Заявка не найдена или недоступна.', internal: 'внутренний',
        individual: 'житель', legal: 'организация', changedMeanwhile: 'Заявку изменили, пока вы смотрели; показана свежая версия.',
        openJobs: 'в работе', ROUTINE: 'обычный', EMERGENCY: 'аварийный',
        photoKind: { REPORT: 'Фото жителя', BEFORE: 'До работ', AFTER: 'После работ' },
        open311: { from: 'Дополнительные данные от', reporterName: 'Имя заявителя', email: 'Эл. почта', phone: 'Телефон',
                   media: 'Ссылка на фото клиента', extra: 'Другие поля', withheld: 'Контакты заявителя видят диспетчеры ответственной организации и назначенный исполнитель.' },
        action: { ACCEPT: 'Принять', REJECT: 'Отклонить (не наша)', REROUTE: 'Передать организации', ASSIGN: 'Назначить исполнителя',
                  REASSIGN: 'Переназначить', CANCEL: 'Отменить', MARK_DUPLICATE: 'Отметить как дубликат', COMMENT: 'Комментарий жителю',
                  INTERNAL_COMMENT: 'Внутренний комментарий', PAUSE_CLOCK: 'Остановить часы', RESUME_CLOCK: 'Запустить часы',
                  RAISE_PRIORITY: 'Сделать аварийной', ACKNOWLEDGE: 'Принять к сведению' } },
  tt: { title: 'Гариза', address: 'Адрес', place: 'Подъезд / кат / фатир', reporter: 'Гариза бирүче', channelLabel: 'Канал',
        organisation: 'Оешма', technician: 'Башкаручы', priority: 'Өстенлек', created: 'Бирелде', updated: 'Үзгәртелде',
        pause: 'Сәгать туктатылды, сәбәбе', duplicateOf: 'Гариза кабатлавы', rating: 'Яшәүче бәясе', deadlines: 'Этаплар буенча сроклар',
        photos: 'Фотолар', timeline: 'Тарих һәм аңлатмалар', actions: 'Гамәлләр', where: 'Кайда', none: 'Юк.',
        noActions: 'Хәзер бу гариза белән сезгә эш юк.', reason: 'Сәбәп', text: 'Текст', choose: 'сайлагыз…',
        otherNumber: 'Төп гариза номеры', notFound: 'Гариза табылмады яки керү мөмкин түгел.', internal: 'эчке',
        individual: 'яшәүче', legal: 'оешма', changedMeanwhile: 'Сез караганда гаризаны үзгәрттеләр; яңа версия күрсәтелә.',
        openJobs: 'эштә', ROUTINE: 'гади', EMERGENCY: 'авария',
        photoKind: { REPORT: 'Яшәүче фотосы', BEFORE: 'Эшкә кадәр', AFTER: 'Эштән соң' },
        open311: { from: 'Өстәмә мәгълүмат:', reporterName: 'Гариза бирүченең исеме', email: 'Эл. почта', phone: 'Телефон',
                   media: 'Клиентның фотосына сылтама', extra: 'Башка кырлар', withheld: 'Гариза бирүченең контактларын җаваплы оешма диспетчерлары һәм билгеләнгән башкаручы күрә.' },
        action: { ACCEPT: 'Кабул итү', REJECT: 'Кире кагу (безнеке түгел)', REROUTE: 'Оешмага тапшыру', ASSIGN: 'Башкаручы билгеләү',
                  REASSIGN: 'Башкасын билгеләү', CANCEL: 'Юкка чыгару', MARK_DUPLICATE: 'Кабатлау дип билгеләү', COMMENT: 'Яшәүчегә аңлатма',
                  INTERNAL_COMMENT: 'Эчке аңлатма', PAUSE_CLOCK: 'Сәгатьне туктату', RESUME_CLOCK: 'Сәгатьне җибәрү',
                  RAISE_PRIORITY: 'Авария дип билгеләү', ACKNOWLEDGE: 'Белдем' } },
  en: { title: 'Request', address: 'Address', place: 'Entrance / floor / flat', reporter: 'Reporter', channelLabel: 'Channel',
        organisation: 'Organisation', technician: 'Technician', priority: 'Priority', created: 'Filed', updated: 'Last change',
        pause: 'Clock paused because', duplicateOf: 'Duplicate of', rating: "Resident's rating", deadlines: 'Deadlines per stage',
        photos: 'Photos', timeline: 'History and comments', actions: 'Actions', where: 'Where', none: 'None.',
        noActions: 'Nothing for you to do on this request now.', reason: 'Reason', text: 'Text', choose: 'choose…',
        otherNumber: 'Number of the original request', notFound: 'The request was not found or is not yours to see.',
        internal: 'internal', individual: 'resident', legal: 'organisation',
        changedMeanwhile: 'The request changed while you were looking; this is the fresh version.',
        openJobs: 'open jobs', ROUTINE: 'routine', EMERGENCY: 'emergency',
        photoKind: { REPORT: "Resident's photo", BEFORE: 'Before the work', AFTER: 'After the work' },
        open311: { from: 'Extra data from', reporterName: "Reporter's name", email: 'Email', phone: 'Phone',
                   media: "Client's photo link", extra: 'Other fields', withheld: "The reporter's contact is shown to the responsible organisation's dispatchers and the assigned technician." },
        action: { ACCEPT: 'Accept', REJECT: 'Reject (not ours)', REROUTE: 'Route to organisation', ASSIGN: 'Assign technician',
                  REASSIGN: 'Reassign', CANCEL: 'Cancel', MARK_DUPLICATE: 'Mark as duplicate', COMMENT: 'Comment to the resident',
                  INTERNAL_COMMENT: 'Internal comment', PAUSE_CLOCK: 'Pause the clock', RESUME_CLOCK: 'Resume the clock',
                  RAISE_PRIORITY: 'Make it an emergency', ACKNOWLEDGE: 'Acknowledge' } },
};

/** What each action asks for besides the button (the lifecycle's requirements). */
const NEEDS = {
  REJECT: 'reason', CANCEL: 'reason', PAUSE_CLOCK: 'reason', RAISE_PRIORITY: 'reason', REROUTE: 'organisation',
  ASSIGN: 'technician', REASSIGN: 'technician', MARK_DUPLICATE: 'duplicate', COMMENT: 'text', INTERNAL_COMMENT: 'text',
};
const REQUIRED = new Set(['REJECT', 'PAUSE_CLOCK', 'REROUTE', 'ASSIGN', 'REASSIGN', 'MARK_DUPLICATE', 'COMMENT', 'INTERNAL_COMMENT']);

const { t } = await start(TEXTS);
const id = params.get('id');
let current = null;
let map = null;

function fact(id, value, shown = true) {
  $(id).textContent = value ?? '—';
  $(id).hidden = !shown;
  const label = $(`${id}-label`);
  if (label) label.hidden = !shown;
}

let submissionShown = false;

/** What the Open311 client sent: which client, the reporter's contact (if the server shows it to us), its link, extra fields. */
async function showSubmission() {
  submissionShown = true;
  let sub;
  try {
    sub = await api(`/api/v1/requests/${encodeURIComponent(id)}/open311`);
  } catch (e) {
    if (e instanceof ApiError) return;   // not filed through Open311 after all, or no longer visible
    throw e;
  }
  const o = t.open311;
  const facts = [];
  const add = (label, value) => { if (value) facts.push(el('dt', label), el('dd', value)); };
  if (sub.reporter) {
    add(o.reporterName, [sub.reporter.firstName, sub.reporter.lastName].filter(Boolean).join(' '));
    add(o.email, sub.reporter.email);
    add(o.phone, sub.reporter.phone);
  }
  if (sub.mediaUrl && /^https?:\/\//i.test(sub.mediaUrl)) {
    const a = el('a', sub.mediaUrl);
    a.href = sub.mediaUrl;   // a link for people to follow; the server never fetches it
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    facts.push(el('dt', o.media), el('dd'));
    facts[facts.length - 1].append(a);
  }
  for (const [code, values] of Object.entries(sub.extraAttributes || {})) add(`${o.extra}: ${code}`, values.join(', '));
  $('open311-heading').textContent = `${o.from} ${sub.client}`;
  $('open311-facts').replaceChildren(...facts);
  $('open311-withheld').textContent = sub.contactWithheld ? o.withheld : '';
  $('open311-withheld').hidden = !sub.contactWithheld;
  $('open311').hidden = false;
}

function render(r) {
  current = r;
  const s = r.summary;
  document.title = `${s.number} · ${t.brand}`;
  $('heading').textContent = `${s.number} · ${s.categoryName}`;
  $('status').replaceChildren(statusChip(s.status));
  const d = deadline(s);
  $('deadline').textContent = d.text;
  $('deadline').className = `deadline ${d.className}`;
  $('description').textContent = r.description || '—';
  fact('address', s.address);
  fact('place', [r.entrance, r.floor, r.flat].map((v) => v || '—').join(' / '));
  fact('reporter', r.reporterType === 'LEGAL_ENTITY' ? `${t.legal}: ${r.reporterOrganisation || '—'}` : t.individual);
  fact('channel', chrome.channel[s.channel] || s.channel);
  fact('organisation', s.organisationName);
  const assigned = r.timeline.filter((e) => e.detail?.technicianId === s.technicianId && e.detail?.technician).pop();
  fact('technician', s.technicianId ? (assigned?.detail.technician || '✓') : '—');
  fact('priority', t[s.priority] || s.priority);
  fact('created', when(s.createdAt));
  fact('updated', when(r.updatedAt));
  fact('pause', r.pauseReason, Boolean(s.clockPaused && r.pauseReason));
  fact('duplicate', r.duplicateOf, Boolean(r.duplicateOf));
  fact('rating', r.rating ? `${'★'.repeat(r.rating)} ${r.ratingComment || ''}` : '', Boolean(r.rating));

  const stages = Object.entries(r.deadlines || {});
  $('deadlines').replaceChildren(...(stages.length ? stages.flatMap(([stage, at]) => [el('dt', chrome.stage[stage] || stage), el('dd', when(at))])
    : [el('dd', t.none)]));

  $('photos').replaceChildren(...(r.photos.length ? r.photos.map((p) => {
    const a = el('a');
    a.href = `/api/v1/photos/${encodeURIComponent(p.id)}/display`;
    a.target = '_blank';
    a.rel = 'noopener';
    const img = el('img');
    img.src = `/api/v1/photos/${encodeURIComponent(p.id)}/thumbnail`;
    img.alt = `${t.photoKind[p.kind] || ''} ${s.number}`;
    img.loading = 'lazy';
    a.append(img);
    return p.stored ? a : el('span', `${t.photoKind[p.kind] || ''}: ${p.refused || '…'}`, 'hint');
  }) : [el('p', t.none, 'hint')]));

  $('timeline').replaceChildren(...[...r.timeline].reverse().map((e) => {
    const li = el('li', null, e.internal ? 'internal' : '');
    li.dataset.kind = e.kind;
    const head = el('div');
    head.append(el('time', when(e.at)), el('strong', e.actorLabel || e.actorName || ''), document.createTextNode(' '));
    if (e.toStatus && e.toStatus !== e.fromStatus) head.append(statusChip(e.toStatus), document.createTextNode(' '));
    if (e.internal) head.append(el('span', ` (${t.internal})`, 'hint'));
    li.append(head, el('span', e.text || '', 'what'));
    for (const key of typedBy(e)) if (e.detail?.[key]) li.append(el('span', e.detail[key], 'text'));
    return li;
  }));

  renderActions(r);
  if (s.channel === 'OPEN311' && !submissionShown) showSubmission();
  if (r.location) {
    if (!map) {
      map = L.map('map').setView([r.location.lat, r.location.lon], 16);
      L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 19, attribution: '© OpenStreetMap' }).addTo(map);
      L.circleMarker([r.location.lat, r.location.lon], { radius: 9, color: s.overdue ? '#cf222e' : '#0969da', fillOpacity: 0.7 }).addTo(map);
    }
  }
  $('content').hidden = false;
}

/**
 * The detail fields of an entry that people typed (comments, reasons, notes): routing entries made
 * before the history carried routing codes kept the machine's own reason there, which the entry's
 * text already says in words.
 */
function typedBy(e) {
  const routing = ['ROUTED', 'TRIAGED', 'REROUTED', 'AUTO_CLOSED'].includes(e.kind);
  return routing && !e.detail?.routedBy ? ['text', 'note'] : ['text', 'reason', 'note'];
}

function select(options) {
  const s = el('select');
  const blank = el('option', t.choose);
  blank.value = '';
  s.append(blank);
  for (const [value, text] of options) {
    const o = el('option', text);
    o.value = value;
    s.append(o);
  }
  return s;
}

async function input(action, r) {
  switch (NEEDS[action]) {
    case 'reason': case 'text': {
      const box = el('textarea');
      box.rows = 2;
      box.maxLength = 2000;
      box.placeholder = NEEDS[action] === 'text' ? t.text : t.reason;
      box.setAttribute('aria-label', box.placeholder);
      return box;
    }
    case 'duplicate': {
      const box = el('input');
      box.placeholder = t.otherNumber;
      box.setAttribute('aria-label', t.otherNumber);
      box.maxLength = 24;
      return box;
    }
    case 'technician': {
      // only those with the category's skill (the ones the server accepts), least loaded first
      const q = new URLSearchParams({ category: r.summary.categoryCode });
      if (r.summary.organisationId) q.set('organisation', r.summary.organisationId);
      const technicians = await api(`/api/v1/technicians?${q}`);
      const s = select(technicians.map((x) => [x.id, `${x.name} · ${x.openJobs} ${t.openJobs} · ${(x.skillNames || []).join(', ')}`]));
      s.setAttribute('aria-label', t.technician);
      return s;
    }
    case 'organisation': {
      const organisations = await api('/api/v1/admin/organisations');
      const s = select(organisations.filter((o) => o.active && ['MANAGEMENT_COMPANY', 'CONTRACTOR', 'RESOURCE_SUPPLIER'].includes(o.kind))
        .map((o) => [o.id, lang === 'en' ? o.nameEn : o.nameRu]));
      s.setAttribute('aria-label', t.organisation);
      return s;
    }
    default:
      return null;
  }
}

async function body(action, field) {
  const b = { action, expectedVersion: current.version };
  const value = field ? field.value.trim() : '';
  switch (NEEDS[action]) {
    case 'reason': if (value) b.reason = value; break;
    case 'text': b.text = value; break;
    case 'technician': if (value) b.technicianId = value; break;
    case 'organisation': if (value) b.organisationId = value; break;
    case 'duplicate': {
      if (!value) break;
      const found = await api(`/api/v1/requests?q=${encodeURIComponent(value.toUpperCase())}&limit=5`);
      const other = found.items.find((x) => x.number === value.toUpperCase());
      b.duplicateOf = other ? other.id : '00000000-0000-0000-0000-000000000000';
      break;
    }
    default:
  }
  return b;
}

async function renderActions(r) {
  const box = $('actions');
  const usable = r.availableActions.filter((a) => t.action[a]);
  if (!usable.length) {
    box.replaceChildren(el('p', t.noActions, 'hint'));
    return;
  }
  const forms = [];
  for (const action of usable) {
    const form = el('form', null, 'action');
    form.dataset.action = action;
    const field = await input(action, r);
    const button = el('button', t.action[action]);
    button.type = 'submit';
    button.name = action;
    if (action === 'CANCEL' || action === 'REJECT') button.classList.add('danger');
    const line = el('div', null, 'row');
    if (field) {
      field.name = 'value';
      if (REQUIRED.has(action)) field.required = true;
      line.append(field);
    }
    line.append(button);
    form.append(line);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      $('action-problem').hidden = true;
      try {
        const result = await api(`/api/v1/requests/${encodeURIComponent(id)}/actions`, { method: 'POST', body: await body(action, field) });
        if (result) render(result);
        else location.assign('/staff/board.html');   // no longer ours to see
      } catch (e) {
        problem(e, $('action-problem'));
        if (e instanceof ApiError && e.status === 409) await reload();   // someone else acted first: show what is true now
      } finally {
        button.disabled = false;
      }
    });
    forms.push(form);
  }
  box.replaceChildren(...forms);
}

async function reload() {
  try {
    render(await api(`/api/v1/requests/${encodeURIComponent(id)}`));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) problem({ message: t.notFound });
    else problem(e);
  }
}

await reload();
const freshen = async () => {
  const typing = [...document.querySelectorAll('#actions textarea, #actions input, #actions select')].some((f) => f.value);
  if (current && !typing) await reload();   // never throw away what someone is typing
};
liveFeed({ changed: (changedId) => { if (changedId === id) freshen(); }, reload: freshen });
setInterval(() => {
  if (!current) return;
  const d = deadline(current.summary);
  $('deadline').textContent = d.text;
  $('deadline').className = `deadline ${d.className}`;
}, 30_000);
