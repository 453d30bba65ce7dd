// Public ratings of the organisations for a period (GET /api/v1/public/ratings), for anyone. The
// period is a quarter or a month; organisations with too few requests are marked and listed last.
// Everything from the server goes on the page as text.

import { language, localise } from './page.js';

const TEXTS = {
  ru: { brand: 'Открытый город', title: 'Рейтинг организаций',
        intro: 'Как организации, обслуживающие жителей, справились с заявками, поданными за период.',
        periodLabel: 'Период', methodLink: 'Как считается рейтинг', rank: 'Место', organisation: 'Организация',
        requests: 'Заявок', rating: 'Средняя оценка', onTime: 'Решено в срок, %', reopen: 'Открыты снова, %',
        perFlats: 'Заявок на 1000 квартир', score: 'Балл', tooFew: 'мало заявок', quarter: 'квартал',
        summary: 'Заявки, поданные с {from} по {to}.', few: 'Меньше {n} заявок за период — слишком мало для оценки: такие организации отмечены и стоят в конце.',
        failed: 'Не удалось загрузить рейтинг; попробуйте позже.', empty: 'Нет организаций.',
        kind: { MANAGEMENT_COMPANY: 'управляющая компания', CONTRACTOR: 'подрядчик', RESOURCE_SUPPLIER: 'ресурсоснабжающая' } },
  tt: { brand: 'Ачык шәһәр', title: 'Оешмалар рейтингы',
        intro: 'Яшәүчеләргә хезмәт күрсәтүче оешмалар чорда бирелгән гаризаларны ничек үтәгән.',
        periodLabel: 'Чор', methodLink: 'Рейтинг ничек исәпләнә', rank: 'Урын', organisation: 'Оешма',
        requests: 'Гаризалар', rating: 'Уртача бәя', onTime: 'Вакытында хәл ителде, %', reopen: 'Яңадан ачылды, %',
        perFlats: '1000 фатирга гаризалар', score: 'Балл', tooFew: 'гаризалар аз', quarter: 'квартал',
        summary: '{from} – {to} чорында бирелгән гаризалар.', few: 'Чорда {n} гаризадан ким — бәяләү өчен бик аз: андый оешмалар билгеләнгән һәм ахырда тора.',
        failed: 'Рейтингны йөкләп булмады; соңрак тырышып карагыз.', empty: 'Оешмалар юк.',
        kind: { MANAGEMENT_COMPANY: 'идарәче компания', CONTRACTOR: 'подрядчы', RESOURCE_SUPPLIER: 'ресурс белән тәэмин итүче' } },
  en: { brand: 'Open City', title: 'Ratings of the organisations',
        intro: 'How the organisations that serve residents handled the requests filed in a period.',
        periodLabel: 'Period', methodLink: 'How the ratings are calculated', rank: 'Rank', organisation: 'Organisation',
        requests: 'Requests', rating: 'Average rating', onTime: 'Resolved on time, %', reopen: 'Reopened, %',
        perFlats: 'Requests per 1,000 flats', score: 'Score', tooFew: 'too few requests', quarter: 'quarter',
        summary: 'Requests filed from {from} to {to}.', few: 'Fewer than {n} requests in the period is too few to judge by: such organisations are marked and listed last.',
        failed: 'The ratings could not be loaded; please try later.', empty: 'No organisations.',
        kind: { MANAGEMENT_COMPANY: 'management company', CONTRACTOR: 'contractor', RESOURCE_SUPPLIER: 'resource supplier' } },
};
const QUARTERS = 6;
const MONTHS = 12;

const params = new URLSearchParams(location.search);
const lang = language(TEXTS, params);
const t = TEXTS[lang];
const $ = (id) => document.getElementById(id);
localise(t, lang, params);
$('method').href = `/ratings-method.html?lang=${lang}`;

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function number(v) {
  return v === null || v === undefined ? '—' : String(v);
}

/** The last quarters and months, newest first, as the API names them (2026-Q4, 2026-11). */
function periods() {
  const now = new Date();
  const list = [];
  let y = now.getFullYear();
  let q = Math.floor(now.getMonth() / 3) + 1;
  for (let i = 0; i < QUARTERS; i++) {
    list.push({ value: `${y}-Q${q}`, text: `${y}, ${q} ${t.quarter}` });
    if (--q === 0) { q = 4; y--; }
  }
  const month = new Intl.DateTimeFormat(lang === 'tt' ? 'ru' : lang, { month: 'long', year: 'numeric' });
  for (let i = 0; i < MONTHS; i++) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    list.push({ value: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`, text: month.format(d) });
  }
  return list;
}

function row(o) {
  const tr = el('tr', null, o.tooFewRequests ? 'too-few' : '');
  tr.dataset.code = o.code;
  const name = el('td');
  name.append(el('span', o.name, 'org-name'), el('span', ` · ${t.kind[o.kind] || o.kind}`, 'hint'));
  if (o.tooFewRequests) name.append(' ', el('span', t.tooFew, 'chip few'));
  tr.append(el('td', o.rank, 'figure'), name, el('td', o.requests, 'figure'), el('td', number(o.averageRating), 'figure'),
            el('td', number(o.onTimePct), 'figure'), el('td', number(o.reopenRatePct), 'figure'),
            el('td', number(o.requestsPer1000Flats), 'figure'), el('td', number(o.score), 'figure score'));
  return tr;
}

async function show(period) {
  const body = $('ratings').tBodies[0];
  try {
    const r = await fetch(`/api/v1/public/ratings?period=${encodeURIComponent(period)}&lang=${lang}`,
                          { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(String(r.status));
    const ratings = await r.json();
    body.replaceChildren(...ratings.organisations.map(row));
    $('summary').textContent = t.summary.replace('{from}', ratings.from).replace('{to}', ratings.to);
    $('few-note').textContent = t.few.replace('{n}', ratings.minimumRequests);
    $('few-note').hidden = false;
    $('ratings').dataset.period = ratings.period;
    $('problem').hidden = true;
    if (!ratings.organisations.length) $('summary').textContent += ` ${t.empty}`;
  } catch {
    body.replaceChildren();
    $('problem').textContent = t.failed;
    $('problem').hidden = false;
  }
}

const select = $('period');
for (const p of periods()) {
  const o = el('option', p.text);
  o.value = p.value;
  select.append(o);
}
const wanted = params.get('period');
if (wanted && /^\d{4}-(Q[1-4]|\d{2})$/.test(wanted)) {
  if (![...select.options].some((o) => o.value === wanted)) {
    const o = el('option', wanted);
    o.value = wanted;
    select.append(o);
  }
  select.value = wanted;
}
select.addEventListener('change', () => {
  params.set('period', select.value);
  history.replaceState(null, '', `?${params}`);
  show(select.value);
});
show(select.value);
