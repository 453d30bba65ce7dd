// The report builder: choose how to group the requests filed in a period and what to measure,
// filter, run (POST /api/v1/reports/run), read it as a table and a chart, click a figure for the
// requests behind it, export the same report as CSV, and keep definitions under a name
// (/api/v1/reports/saved). The page only offers what the API checks anyway.

import { $, api, chrome, day as shownDay, el, lang, problem, start } from './session.js';
import { DIMENSIONS, MEASURES, PERIODS, WORDS, columnName, isCount } from './report-words.js';
import { names as loadNames, openDrill, queryParams, renderChart, renderTable } from './report-view.js';

const PAGE = {
  ru: { title: 'Отчёты', intro: 'Сгруппируйте заявки, поданные за период, выберите показатели и нажмите на число, чтобы увидеть заявки за ним.',
        groupBy: 'Группировать по', periodLabel: 'Период', noPeriod: 'без периода', measuresLabel: 'Показатели',
        filtersLabel: 'Поданы и отобраны', from: 'С', to: 'По', district: 'Район', organisation: 'Организация',
        category: 'Категория', channelLabel: 'Канал', organisationType: 'Тип организации', reporterType: 'Заявитель', any: 'любой', run: 'Построить', export: 'Скачать CSV',
        savedTitle: 'Сохранённые отчёты', saveName: 'Название отчёта', save: 'Сохранить', noSaved: 'Сохранённых отчётов нет.',
        open: 'Открыть', remove: 'Удалить', chartOf: 'Диаграмма:', rows: 'строк', period: 'заявки, поданные' },
  tt: { title: 'Хисаплар', intro: 'Чорда бирелгән гаризаларны төркемләгез, күрсәткечләрне сайлагыз һәм артындагы гаризаларны күрү өчен санга басыгыз.',
        groupBy: 'Төркемләү', periodLabel: 'Чор', noPeriod: 'чорсыз', measuresLabel: 'Күрсәткечләр',
        filtersLabel: 'Бирелгән һәм сайланган', from: 'Башлап', to: 'Кадәр', district: 'Район', organisation: 'Оешма',
        category: 'Төркем', channelLabel: 'Канал', organisationType: 'Оешма төре', reporterType: 'Гариза бирүче', any: 'теләсә нинди', run: 'Төзү', export: 'CSV йөкләү',
        savedTitle: 'Сакланган хисаплар', saveName: 'Хисап исеме', save: 'Саклау', noSaved: 'Сакланган хисаплар юк.',
        open: 'Ачу', remove: 'Бетерү', chartOf: 'Диаграмма:', rows: 'юл', period: 'бирелгән гаризалар' },
  en: { title: 'Reports', intro: 'Group the requests filed in a period, choose what to measure, and click a figure to see the requests behind it.',
        groupBy: 'Group by', periodLabel: 'Period', noPeriod: 'no period', measuresLabel: 'Measures',
        filtersLabel: 'Filed and filtered', from: 'From', to: 'To', district: 'District', organisation: 'Organisation',
        category: 'Category', channelLabel: 'Channel', organisationType: 'Organisation type', reporterType: 'Reporter', any: 'any', run: 'Run', export: 'Export CSV',
        savedTitle: 'Saved reports', saveName: 'Name of the report', save: 'Save', noSaved: 'Nothing saved yet.',
        open: 'Open', remove: 'Delete', chartOf: 'Chart of', rows: 'rows', period: 'requests filed' },
};
const TEXTS = Object.fromEntries(Object.keys(PAGE).map((l) => [l, { ...WORDS[l], ...PAGE[l] }]));
const FILTERS = ['DISTRICT', 'ORGANISATION', 'CATEGORY', 'CHANNEL', 'STATUS', 'ORGANISATION_TYPE', 'REPORTER_TYPE'];

const { me, t } = await start(TEXTS);
const cityStaff = me.roles.some((r) => r === 'CITY_DISPATCHER' || r === 'CITY_ADMIN');
const names = await loadNames(lang);
let shown = null;   // { query, result }

function tick(holder, name, value, text, checked) {
  const input = el('input');
  input.type = 'checkbox';
  input.name = name;
  input.value = value;
  input.id = `${name}-${value}`;
  input.checked = checked;
  const l = el('label', null, 'tick');
  l.append(input, document.createTextNode(` ${text}`));
  holder.append(l);
}

function option(select, value, text) {
  const o = el('option', text);
  o.value = value;
  select.append(o);
}

function day(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function drawForm() {
  for (const d of DIMENSIONS) tick($('dimensions'), 'dimension', d, t.dimension[d], d === 'ORGANISATION');
  for (const p of PERIODS) option($('period'), p, t.dimension[p]);
  for (const m of MEASURES) {
    tick($('measures'), 'measure', m, m.startsWith('STAGE_') ? `${t.measure[m]} ${t.perStage}` : t.measure[m],
         ['COUNT', 'RESOLVED_ON_TIME_PCT', 'STAGE_MEDIAN_MINUTES'].includes(m));
  }
  for (const d of names.lists.districts) option($('filter-DISTRICT'), d.code, d.name);
  for (const c of names.lists.categories) option($('filter-CATEGORY'), c.code, c.name);
  for (const o of names.lists.organisations) option($('filter-ORGANISATION'), o.code, lang === 'en' ? o.nameEn : o.nameRu);
  for (const k of ['MANAGEMENT_COMPANY', 'CONTRACTOR', 'RESOURCE_SUPPLIER', 'CITY_COMMITTEE']) option($('filter-ORGANISATION_TYPE'), k, t.kind[k]);
  for (const r of Object.keys(t.reporter)) option($('filter-REPORTER_TYPE'), r, t.reporter[r]);
  if (!cityStaff) {
    $('filter-ORGANISATION-label').hidden = true;
    $('filter-ORGANISATION_TYPE-label').hidden = true;
  }
  for (const c of Object.keys(chrome.channel)) option($('filter-CHANNEL'), c, chrome.channel[c]);
  for (const s of Object.keys(chrome.status)) option($('filter-STATUS'), s, chrome.status[s]);
  $('from').value = day(-89);
  $('to').value = day(0);
}

/** The form as a ReportQuery. */
function query() {
  const checked = (name) => [...document.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);
  const dimensions = checked('dimension');
  if ($('period').value) dimensions.push($('period').value);
  const filters = {};
  for (const f of FILTERS) if ($(`filter-${f}`).value) filters[f] = [$(`filter-${f}`).value];
  return { dimensions, measures: checked('measure'), filters, from: $('from').value || null, to: $('to').value || null };
}

/** Sets the form to a saved query. */
function fill(q) {
  for (const i of document.querySelectorAll('input[name=dimension]')) i.checked = q.dimensions.includes(i.value);
  $('period').value = q.dimensions.find((d) => PERIODS.includes(d)) || '';
  for (const i of document.querySelectorAll('input[name=measure]')) i.checked = q.measures.includes(i.value);
  for (const f of FILTERS) $(`filter-${f}`).value = (q.filters?.[f] || [''])[0];
  $('from').value = q.from || '';
  $('to').value = q.to || '';
}

function drawChart() {
  renderChart($('chart'), shown.result, $('chart-column').value, { w: t, names });
}

async function run() {
  const q = query();
  $('run').disabled = true;
  try {
    const result = await api('/api/v1/reports/run', { method: 'POST', body: q });
    shown = { query: { ...q, from: result.from, to: result.to }, result };
    const previous = $('chart-column').value;
    $('chart-column').replaceChildren();
    for (const c of result.columns) option($('chart-column'), c, columnName(t, c));
    const rate = result.columns.find((c) => !isCount(c));   // by default a figure to compare with the whole city
    if (result.columns.includes(previous)) $('chart-column').value = previous;
    else if (rate) $('chart-column').value = rate;
    $('summary').textContent = `${t.period} ${shownDay(result.from)} — ${shownDay(result.to)}: ${result.rows.length} ${t.rows}`;
    $('nothing-filed').textContent = t.nothingFiled;
    $('nothing-filed').hidden = result.rows.length > 0;
    $('chart').hidden = result.rows.length === 0;
    $('truncated').textContent = t.truncated;
    $('truncated').hidden = !result.truncated;
    $('approximate').textContent = t.approximate;
    $('approximate').hidden = !result.approximatePercentiles;
    renderTable($('report'), result, {
      w: t, names, averageDrill: cityStaff,
      drill: (row, column) => openDrill($('drill'), { w: t, names, query: shown.query, row, column }),
    });
    drawChart();
    $('result').hidden = false;
    $('drill').hidden = true;
    const exported = $('export');
    exported.href = `/api/v1/reports/export.csv?${queryParams(shown.query)}`;
    exported.hidden = false;
    $('problem').hidden = true;
  } catch (e) {
    problem(e);
  } finally {
    $('run').disabled = false;
  }
}

async function listSaved() {
  const list = await api('/api/v1/reports/saved');
  const holder = $('saved');
  holder.replaceChildren(...list.map((s) => {
    const li = el('li');
    li.dataset.id = s.id;
    const openIt = el('button', t.open, 'quiet open');
    openIt.type = 'button';
    openIt.addEventListener('click', () => { fill(s.query); $('save-name').value = s.name; run(); });
    const removeIt = el('button', t.remove, 'quiet remove');
    removeIt.type = 'button';
    removeIt.addEventListener('click', async () => {
      try {
        await api(`/api/v1/reports/saved/${encodeURIComponent(s.id)}`, { method: 'DELETE' });
        await listSaved();
      } catch (e) {
        problem(e);
      }
    });
    li.append(el('span', s.name, 'saved-name'), openIt, removeIt);
    return li;
  }));
  $('saved-empty').hidden = list.length > 0;
}

drawForm();
$('builder').addEventListener('submit', (e) => { e.preventDefault(); run(); });
$('chart-column').addEventListener('change', drawChart);
$('export').addEventListener('click', async (e) => {   // a token older than 15 minutes is refreshed first, not downloaded as a 401
  e.preventDefault();
  const { href } = e.currentTarget;
  await api('/api/v1/me');
  location.assign(href);
});
$('drill-close').addEventListener('click', () => { $('drill').hidden = true; });
$('save-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await api('/api/v1/reports/saved', { method: 'POST', body: { name: $('save-name').value.trim(), query: query() } });
    await listSaved();
    $('problem').hidden = true;
  } catch (err) {
    problem(err);
  }
});
await listSaved();
