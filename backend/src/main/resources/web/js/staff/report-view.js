// Draws a report (the answer of POST /api/v1/reports/run) as a table and as SVG bars, and lists the
// requests behind a figure (GET /api/v1/reports/requests). Shared by the report builder and the
// cabinet. Everything from the server goes on the page as text; the chart is built node by node.

import { $, api, chrome, duration, el, number, problem, statusChip, when } from './session.js';
import { columnName, isCount, subsetOf } from './report-words.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHART_ROWS = 30;

/** A report's query as URL parameters, the same for the CSV export and the drill-down. */
export function queryParams(query) {
  const q = new URLSearchParams();
  q.set('dimensions', query.dimensions.join(','));
  q.set('measures', query.measures.join(','));
  if (query.from) q.set('from', query.from);
  if (query.to) q.set('to', query.to);
  for (const [d, values] of Object.entries(query.filters || {})) if (values.length) q.set(`filter.${d}`, values.join(','));
  return q;
}

/** A dimension's value as people call it: the organisation's name rather than its code, and so on. */
export function label(w, names, dimension, value) {
  if (value === null || value === undefined) return w.none;
  switch (dimension) {
    case 'ORGANISATION': return names.organisation?.[value] || value;
    case 'DISTRICT': return names.district?.[value] || value;
    case 'CATEGORY': return names.category?.[value] || value;
    case 'STATUS': return chrome.status[value] || value;
    case 'CHANNEL': return chrome.channel[value] || value;
    case 'ORGANISATION_TYPE': return w.kind[value] || value;
    case 'REPORTER_TYPE': return w.reporter[value] || value;
    default: return value;
  }
}

/** A report's figure for people: stage times as durations ("3 ч 20 мин"), the rest with the language's separators. */
export function figure(value, column = '') {
  return column.includes('_MINUTES') ? duration(value) : number(value);
}

/**
 * Fills a table: a column per dimension and per report column, a row per report row, the city
 * average last. The slowest stage of each row (its weak link) is marked. {@code drill(row, column)}
 * is called when a figure is clicked; the average row's figures are links only when {@code averageDrill}.
 */
export function renderTable(table, result, { w, names, drill, averageDrill }) {
  const head = el('tr');
  for (const d of result.dimensions) head.append(el('th', w.dimension[d]));
  for (const c of result.columns) {
    const th = el('th', columnName(w, c));
    th.dataset.column = c;
    head.append(th);
  }
  table.tHead.replaceChildren(head);
  const body = table.tBodies[0];
  body.replaceChildren();
  const line = (row, average) => {
    const tr = el('tr', null, average ? 'average' : '');
    if (average) {
      const th = el('th', w.average);
      th.colSpan = Math.max(1, result.dimensions.length);
      th.scope = 'row';
      tr.append(th);
    } else {
      result.dimensions.forEach((d) => tr.append(el('td', label(w, names, d, row.dimensions[d]))));
    }
    if (row.weakLink) tr.dataset.weakLink = row.weakLink;
    for (const c of result.columns) {
      const value = row.values[c];
      const td = el('td', null, 'figure');
      td.dataset.column = c;
      if (!average && row.weakLink && c.endsWith(`.${row.weakLink}`)) {
        td.classList.add('weak-link');
        td.title = w.weakLink;
      }
      if (value !== null && value !== undefined && (!average || averageDrill)) {
        const a = el('a', figure(value, c), 'drill');
        a.href = '#drill';
        a.addEventListener('click', (e) => { e.preventDefault(); drill(average ? null : row, c); });
        td.append(a);
      } else {
        td.textContent = figure(value, c);
      }
      tr.append(td);
    }
    return tr;
  };
  body.append(...result.rows.map((r) => line(r, false)), line(result.cityAverage, true));
}

function svg(tag, attributes, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Horizontal bars of one column: the first rows, then the whole city in its own colour where it is
 * a rate or a duration to compare with (for counts it is the city's total and would dwarf the rest).
 */
export function renderChart(holder, result, column, { w, names }) {
  const rows = result.rows.slice(0, CHART_ROWS).map((r) => ({
    name: result.dimensions.map((d) => label(w, names, d, r.dimensions[d])).join(' · ') || w.average,
    value: r.values[column], average: false,
  }));
  if (!isCount(column)) rows.push({ name: w.average, value: result.cityAverage.values[column], average: true });
  const max = Math.max(1, ...rows.map((r) => r.value || 0));
  const width = 760;
  const labels = 240;
  const bar = 20;
  const height = rows.length * (bar + 6) + 10;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'chart' });
  chart.setAttribute('aria-label', columnName(w, column));
  rows.forEach((r, i) => {
    const y = 5 + i * (bar + 6);
    const name = r.name.length > 34 ? `${r.name.slice(0, 33)}…` : r.name;
    chart.append(svg('text', { x: labels - 8, y: y + bar * 0.72, 'text-anchor': 'end', class: 'chart-label' }, name));
    const length = r.value ? Math.max(2, ((width - labels - 70) * r.value) / max) : 0;
    const rect = svg('rect', { x: labels, y, width: length, height: bar, rx: 3, class: r.average ? 'chart-bar average' : 'chart-bar' });
    rect.append(svg('title', {}, `${r.name}: ${figure(r.value, column)}`));
    chart.append(rect, svg('text', { x: labels + length + 6, y: y + bar * 0.72, class: 'chart-value' }, figure(r.value, column)));
  });
  holder.replaceChildren(chart);
}

/**
 * Lists the requests behind a figure in {@code section} (with #drill-title, #drill-table,
 * #drill-more, #drill-problem inside): {@code row} null means the city average.
 */
export async function openDrill(section, { w, names, query, row, column }) {
  const q = queryParams(query);
  const { subset, stage } = subsetOf(column);
  q.set('subset', subset);
  if (stage) q.set('stage', stage);
  if (row) for (const d of query.dimensions) q.set(`cell.${d}`, row.dimensions[d] ?? '');
  else q.set('cityAverage', 'true');
  const where = row ? query.dimensions.map((d) => label(w, names, d, row.dimensions[d])).join(' · ') : w.average;
  $('drill-title').textContent = `${w.drillTitle}: ${columnName(w, column)}${where ? ` — ${where}` : ''}`;
  const table = $('drill-table');
  const head = el('tr');
  for (const h of [w.number, w.statusLabel, w.category, w.address, w.filed, ...(stage ? [w.stageTime] : [])]) head.append(el('th', h));
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren();
  section.hidden = false;
  section.dataset.subset = subset;
  const more = $('drill-more');
  const load = async (after) => {
    const page = new URLSearchParams(q);
    if (after) page.set('after', after);
    try {
      const answer = await api(`/api/v1/reports/requests?${page}`);
      for (const item of answer.items) {
        const tr = el('tr');
        tr.dataset.id = item.id;
        const link = el('a', item.number);
        link.href = `/staff/request.html?id=${encodeURIComponent(item.id)}`;
        const number = el('td');
        number.append(link);
        const status = el('td');
        status.append(statusChip(item.status));
        tr.append(number, status, el('td', item.category), el('td', item.address || '—'), el('td', when(item.createdAt)));
        if (stage) {
          const time = item.stageMinutes === undefined || item.stageMinutes === null ? w.running : duration(item.stageMinutes);
          const cell = el('td', `${time} · ${item.stageLate ? w.late : w.onTime}`, item.stageLate ? 'overdue' : '');
          if (item.stageMinutes !== undefined && item.stageMinutes !== null) cell.dataset.minutes = item.stageMinutes;
          tr.append(cell);
        }
        table.tBodies[0].append(tr);
      }
      $('drill-empty').hidden = table.tBodies[0].rows.length > 0;
      more.hidden = !answer.next;
      more.onclick = () => load(answer.next);
      $('drill-problem').hidden = true;
    } catch (e) {
      problem(e, $('drill-problem'));
    }
  };
  await load(null);
  section.scrollIntoView({ block: 'start' });
}

/** Code → name of districts, categories and organisations the caller may see, for labels. */
export async function names(lang) {
  const [districts, categories, organisations] = await Promise.all([
    api('/api/v1/districts'), api('/api/v1/categories'), api('/api/v1/admin/organisations').catch(() => [])]);
  return {
    district: Object.fromEntries(districts.map((d) => [d.code, d.name])),
    category: Object.fromEntries(categories.map((c) => [c.code, c.name])),
    organisation: Object.fromEntries(organisations.map((o) => [o.code, lang === 'en' ? o.nameEn : o.nameRu])),
    lists: { districts, categories, organisations },
  };
}
