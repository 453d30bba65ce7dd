// The personal cabinet's indicators. An organisation's staff see their organisation's quality
// indicators over the last 30 or 90 days next to the whole city's; city staff see every
// organisation side by side (one report by organisation). Both are ordinary reports
// (POST /api/v1/reports/run), so the figures, the scope and the drill-down are the report builder's.

import { $, api, day as shownDay, el, lang, problem, start } from './session.js';
import { WORDS, columnName } from './report-words.js';
import { figure, names as loadNames, openDrill, renderChart, renderTable } from './report-view.js';

const PAGE = {
  ru: { title: 'Показатели', periodLabel: 'Период', last30: 'последние 30 дней', last90: 'последние 90 дней',
        indicator: 'Показатель', city: 'Город', ownIntro: 'Показатели вашей организации по заявкам, поданным за период, рядом с городом в целом. Число — ссылка на заявки за ним.',
        allIntro: 'Все организации рядом: заявки, поданные за период. Красным отмечен самый медленный этап каждой организации.',
        better: 'лучше города', worse: 'хуже города' },
  tt: { title: 'Күрсәткечләр', periodLabel: 'Чор', last30: 'соңгы 30 көн', last90: 'соңгы 90 көн',
        indicator: 'Күрсәткеч', city: 'Шәһәр', ownIntro: 'Оешмагызның чорда бирелгән гаризалар буенча күрсәткечләре, шәһәр белән янәшә. Сан — аның артындагы гаризаларга сылтама.',
        allIntro: 'Барлык оешмалар янәшә: чорда бирелгән гаризалар. Һәр оешманың иң әкрен этабы кызыл белән билгеләнгән.',
        better: 'шәһәрдән яхшырак', worse: 'шәһәрдән начаррак' },
  en: { title: 'Indicators', periodLabel: 'Period', last30: 'last 30 days', last90: 'last 90 days',
        indicator: 'Indicator', city: 'City', ownIntro: "Your organisation's indicators over the requests filed in the period, next to the whole city's. Each figure links to the requests behind it.",
        allIntro: "Every organisation side by side: the requests filed in the period. Each organisation's slowest stage is marked red.",
        better: 'better than the city', worse: 'worse than the city' },
};
const TEXTS = Object.fromEntries(Object.keys(PAGE).map((l) => [l, { ...WORDS[l], ...PAGE[l] }]));
const REQUEST_MEASURES = ['COUNT', 'RESOLVED_PCT', 'RESOLVED_ON_TIME_PCT', 'OVERDUE_COUNT', 'REOPEN_RATE_PCT', 'AVG_RATING'];
const STAGE_MEASURES = ['STAGE_ON_TIME_PCT', 'STAGE_MEDIAN_MINUTES', 'STAGE_P90_MINUTES'];
const HIGHER_IS_BETTER = ['RESOLVED_PCT', 'RESOLVED_ON_TIME_PCT', 'AVG_RATING', 'STAGE_ON_TIME_PCT'];
const LOWER_IS_BETTER = ['REOPEN_RATE_PCT', 'STAGE_MEDIAN_MINUTES', 'STAGE_P90_MINUTES'];

const { me, t } = await start(TEXTS);
const cityStaff = me.roles.some((r) => r === 'CITY_DISPATCHER' || r === 'CITY_ADMIN');
const names = await loadNames(lang);

function day(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "better" or "worse" than the city for measures where that has a direction; '' otherwise. */
function compare(column, own, city) {
  if (own === null || own === undefined || city === null || city === undefined || own === city) return '';
  const measure = column.split('.')[0];
  if (HIGHER_IS_BETTER.includes(measure)) return own > city ? 'better' : 'worse';
  if (LOWER_IS_BETTER.includes(measure)) return own < city ? 'better' : 'worse';
  return '';
}

/** Rows of indicators: our figure (a link to the requests behind it) and the city's, per column. */
function drawOwn(query, result) {
  const own = result.rows[0] || { dimensions: {}, values: {}, weakLink: null };
  const organisation = names.lists.organisations.find((o) => o.id === me.organisationId);
  $('own-name').textContent = organisation ? (lang === 'en' ? organisation.nameEn : organisation.nameRu) : '';
  const body = $('indicators').tBodies[0];
  body.replaceChildren(...result.columns.map((c) => {
    const tr = el('tr');
    tr.dataset.column = c;
    const value = own.values[c];
    const mine = el('td', null, 'figure');
    if (value !== null && value !== undefined && result.rows.length) {
      const a = el('a', figure(value, c), 'drill');
      a.href = '#drill';
      a.addEventListener('click', (e) => { e.preventDefault(); openDrill($('drill'), { w: t, names, query, row: own, column: c }); });
      mine.append(a);
    } else {
      mine.textContent = figure(value, c);
    }
    const verdict = compare(c, value, result.cityAverage.values[c]);
    if (verdict) {
      mine.classList.add(verdict);
      mine.title = t[verdict];
    }
    if (own.weakLink && c === `STAGE_MEDIAN_MINUTES.${own.weakLink}`) {
      mine.classList.add('weak-link');
      mine.title = t.weakLink;
      tr.dataset.weakLink = own.weakLink;
    }
    tr.append(el('th', columnName(t, c)), mine, el('td', figure(result.cityAverage.values[c], c), 'figure'));
    return tr;
  }));
  $('own').hidden = false;
}

async function show() {
  const days = Number($('days').value);
  const query = cityStaff
    ? { dimensions: ['ORGANISATION'], measures: ['COUNT', 'RESOLVED_ON_TIME_PCT', 'OVERDUE_COUNT', 'REOPEN_RATE_PCT', 'AVG_RATING',
                                                  'STAGE_MEDIAN_MINUTES'], filters: {} }
    : { dimensions: [], measures: [...REQUEST_MEASURES, ...STAGE_MEASURES], filters: {} };
  query.from = day(-(days - 1));
  query.to = day(0);
  $('drill').hidden = true;
  try {
    const result = await api('/api/v1/reports/run', { method: 'POST', body: query });
    $('intro').textContent = `${cityStaff ? t.allIntro : t.ownIntro} ${shownDay(result.from)} — ${shownDay(result.to)}.`;
    if (cityStaff) {
      renderTable($('report'), result, {
        w: t, names, averageDrill: true, drill: (row, column) => openDrill($('drill'), { w: t, names, query, row, column }),
      });
      renderChart($('chart'), result, 'RESOLVED_ON_TIME_PCT', { w: t, names });
      $('all').hidden = false;
    } else {
      drawOwn(query, result);
    }
    $('problem').hidden = true;
  } catch (e) {
    problem(e);
  }
}

$('days').addEventListener('change', show);
$('drill-close').addEventListener('click', () => { $('drill').hidden = true; });
await show();
