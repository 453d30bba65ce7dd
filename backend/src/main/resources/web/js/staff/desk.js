// The call-centre desk: find the caller by phone (their earlier requests), file a request for
// them — category search, building search, entrance/floor/flat — and read the number back.
// Built for speed: everything by keyboard, the first match one Enter away.

import { $, api, deadline, el, lang, problem, start, statusChip, when } from './session.js';

const TEXTS = {
  ru: { title: 'Колл-центр', phone: 'Телефон звонящего', lookup: 'Найти', earlier: 'Прежние заявки', number: 'Номер',
        status: 'Статус', category: 'Категория', address: 'Адрес', created: 'Подана', noHistory: 'Прежних заявок нет.',
        name: 'Имя звонящего', categoryHint: 'начните вводить: течь, лифт, отопление…', addressHint: 'улица и дом: Баумана 4',
        entrance: 'Подъезд', floor: 'Этаж', flat: 'Кв.', description: 'Что случилось', emergency: 'Авария (опасность для людей или имущества)',
        submit: 'Зарегистрировать заявку', readBack: 'Продиктуйте номер звонящему:', next: 'Следующий звонок',
        newCaller: 'Новый звонящий: заявок с этого номера не было.', known: 'Звонящий', chooseCategory: 'Выберите категорию.',
        chooseBuilding: 'Выберите дом.', filedIn: 'Зарегистрировано за', seconds: 'с', routedTo: 'Ответственный',
        triage: 'передана на распределение' },
  tt: { title: 'Колл-үзәк', phone: 'Шалтыратучы телефоны', lookup: 'Табу', earlier: 'Элеккеге гаризалар', number: 'Номер',
        status: 'Статус', category: 'Төркем', address: 'Адрес', created: 'Бирелде', noHistory: 'Элеккеге гаризалар юк.',
        name: 'Шалтыратучы исеме', categoryHint: 'яза башлагыз: агу, лифт, җылыту…', addressHint: 'урам һәм йорт: Бауман 4',
        entrance: 'Подъезд', floor: 'Кат', flat: 'Фатир', description: 'Нәрсә булды', emergency: 'Авария (кешеләргә яки мөлкәткә куркыныч)',
        submit: 'Гаризаны теркәү', readBack: 'Номерны шалтыратучыга әйтегез:', next: 'Киләсе шалтырату',
        newCaller: 'Яңа шалтыратучы: бу номердан гаризалар булмаган.', known: 'Шалтыратучы', chooseCategory: 'Төркемне сайлагыз.',
        chooseBuilding: 'Йортны сайлагыз.', filedIn: 'Теркәлде', seconds: 'с', routedTo: 'Җаваплы',
        triage: 'бүлүгә җибәрелде' },
  en: { title: 'Call-centre desk', phone: "Caller's phone", lookup: 'Find', earlier: 'Earlier requests', number: 'Number',
        status: 'Status', category: 'Category', address: 'Address', created: 'Filed', noHistory: 'No earlier requests.',
        name: "Caller's name", categoryHint: 'start typing: leak, lift, heating…', addressHint: 'street and house: Baumana 4',
        entrance: 'Entrance', floor: 'Floor', flat: 'Flat', description: 'What is wrong', emergency: 'Emergency (danger to people or property)',
        submit: 'File the request', readBack: 'Read the number back to the caller:', next: 'Next caller',
        newCaller: 'New caller: no requests from this number before.', known: 'Caller', chooseCategory: 'Choose the category.',
        chooseBuilding: 'Choose the building.', filedIn: 'Filed in', seconds: 's', routedTo: 'Responsible',
        triage: 'sent to triage' },
};

const { t } = await start(TEXTS);
const categories = await api('/api/v1/categories');
let category = null;
let building = null;
let startedAt = null;
let requestId = null;

/** A time-ordered id (UUIDv7): a retry of the same filing is the same request, never a second one. */
function uuid7() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function began() {
  startedAt ??= performance.now();
}

function choices(list, items, label, pick) {
  list.replaceChildren(...items.map((item, i) => {
    const li = el('li');
    const b = el('button', label(item));
    b.type = 'button';
    b.dataset.index = String(i);
    b.addEventListener('click', () => pick(item));
    li.append(b);
    return li;
  }));
  list.hidden = items.length === 0;
}

function showCategories() {
  const q = $('category-search').value.trim().toLowerCase();
  const found = categories.filter((c) => !q || c.name.toLowerCase().includes(q) || c.code.includes(q)).slice(0, 8);
  choices($('categories'), found, (c) => c.name, chooseCategory);
}

function chooseCategory(c) {
  category = c;
  $('category-chosen').textContent = c.name;
  $('category-search').value = '';
  $('categories').hidden = true;
  $('emergency').checked = c.emergency;
  $('building-search').focus();
}

let buildingQuery = 0;
async function showBuildings() {
  const q = $('building-search').value.trim();
  if (q.length < 2) {
    $('buildings').hidden = true;
    return;
  }
  const mine = ++buildingQuery;
  try {
    const found = await api(`/api/v1/buildings?q=${encodeURIComponent(q)}`);
    if (mine !== buildingQuery) return;   // a later keystroke asked again
    choices($('buildings'), found, (b) => (lang === 'en' ? `${b.addressEn} · ${b.addressRu}` : b.addressRu), chooseBuilding);
  } catch (e) {
    problem(e);
  }
}

function chooseBuilding(b) {
  building = b;
  $('building-chosen').textContent = lang === 'en' ? b.addressEn : b.addressRu;
  $('building-search').value = '';
  $('buildings').hidden = true;
  $('flat').focus();
}

async function lookUp() {
  began();
  const phone = $('phone').value.trim();
  try {
    const found = await api(`/api/v1/callers?phone=${encodeURIComponent(phone)}`);
    $('problem').hidden = true;
    $('caller').textContent = found.requests.length ? `${t.known}: ${found.name || '—'} · ${found.phone}` : t.newCaller;
    if (found.name && !$('name').value) $('name').value = found.name;
    const rows = $('history').tBodies[0];
    rows.replaceChildren(...found.requests.map((r) => {
      const tr = el('tr');
      const link = el('a', r.number);
      link.href = `/staff/request.html?id=${encodeURIComponent(r.id)}`;
      const n = el('td');
      n.append(link);
      const s = el('td');
      s.append(statusChip(r.status));
      tr.append(n, s, el('td', r.categoryName), el('td', r.address), el('td', when(r.createdAt)));
      return tr;
    }));
    $('no-history').hidden = found.requests.length > 0;
    $('category-search').focus();
  } catch (e) {
    problem(e);
  }
}

async function file() {
  if (!category) return problem({ message: t.chooseCategory });
  if (!building) return problem({ message: t.chooseBuilding });
  requestId ??= uuid7();   // the same id on a retry after a lost answer
  const body = {
    id: requestId, categoryCode: category.code, buildingId: building.id, description: $('description').value.trim(),
    entrance: $('entrance').value.trim() || null, floor: $('floor').value.trim() || null, flat: $('flat').value.trim() || null,
    caller: { phone: $('phone').value.trim(), name: $('name').value.trim() || null },
  };
  if ($('emergency').checked) body.priority = 'EMERGENCY';
  $('submit').disabled = true;
  try {
    const created = await api('/api/v1/requests', { method: 'POST', body });
    $('problem').hidden = true;
    const s = created.summary;
    $('number').textContent = s.number;
    const facts = el('span');
    facts.append(statusChip(s.status), document.createTextNode(
      ` ${s.organisationName ? `${t.routedTo}: ${s.organisationName}` : t.triage} ${deadline(s).text ? `· ${deadline(s).text}` : ''}`));
    $('filed-facts').replaceChildren(facts);
    $('elapsed').textContent = `${t.filedIn} ${Math.round((performance.now() - startedAt) / 1000)} ${t.seconds}`;
    $('file').hidden = true;
    $('readback').hidden = false;
    $('again').focus();
  } catch (e) {
    problem(e);   // everything typed stays as it was
  } finally {
    $('submit').disabled = false;
  }
}

function reset() {
  for (const f of ['phone', 'name', 'entrance', 'floor', 'flat', 'description', 'category-search', 'building-search']) $(f).value = '';
  $('emergency').checked = false;
  category = null;
  building = null;
  startedAt = null;
  requestId = null;
  $('category-chosen').textContent = '';
  $('building-chosen').textContent = '';
  $('caller').textContent = '';
  $('history').tBodies[0].replaceChildren();
  $('no-history').hidden = true;
  $('readback').hidden = true;
  $('file').hidden = false;
  showCategories();
  $('phone').focus();
}

$('find').addEventListener('submit', (e) => { e.preventDefault(); lookUp(); });
$('category-search').addEventListener('input', () => { began(); showCategories(); });
$('category-search').addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    $('categories').querySelector('button')?.click();
  }
});
$('building-search').addEventListener('input', () => { began(); showBuildings(); });
$('building-search').addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    $('buildings').querySelector('button')?.click();
  }
});
$('file').addEventListener('input', began);
$('file').addEventListener('submit', (e) => { e.preventDefault(); file(); });
$('again').addEventListener('click', reset);
showCategories();
$('phone').focus();
