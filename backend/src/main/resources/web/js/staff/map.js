// The staff map: the open requests the signed-in person may see (the server decides which), filtered
// like the search. Points are grouped on a grid of about 60 px at the current zoom so that ten
// thousand requests stay readable: a lone point is a dot coloured by its state, a crowd is a counted
// circle that zooms in on click. Only the cells in view are drawn, again after every move or zoom.
// The live feed says when something changed; the map then asks again, at most once a second.

import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { $, api, el, lang, liveFeed, params, problem, start, statusChip } from './session.js';

const TEXTS = {
  ru: { title: 'Заявки на карте', connecting: 'подключение…', live: 'обновляется вживую', offline: 'нет связи, переподключение…',
        district: 'Район', category: 'Категория', any: 'все', overdueOnly: 'только просроченные', reset: 'Сбросить',
        legendOverdue: 'просрочена', legendSoon: 'срок скоро', legendTriage: 'новая или на распределении',
        legendOpen: 'остальные открытые', legendCluster: 'несколько: нажмите, чтобы приблизить',
        shown: 'на карте', overdueCount: 'просрочено', capped: 'показаны 10 000 самых новых',
        overdue: 'Просрочена', dueSoon: 'Срок скоро', noAddress: 'без адреса', here: 'Заявок в этом месте: {n}',
        andMore: 'и ещё {n}', cluster: 'Заявок: {n}; нажмите, чтобы приблизить' },
  tt: { title: 'Гаризалар картада', connecting: 'тоташу…', live: 'тере яңара', offline: 'элемтә юк, яңадан тоташу…',
        district: 'Район', category: 'Төркем', any: 'барысы', overdueOnly: 'вакыты узганнар гына', reset: 'Чистарту',
        legendOverdue: 'вакыты узган', legendSoon: 'вакыты якын', legendTriage: 'яңа яки бүлүдә',
        legendOpen: 'башка ачыклар', legendCluster: 'берничә: якынайту өчен басыгыз',
        shown: 'картада', overdueCount: 'вакыты узган', capped: 'иң яңа 10 000 күрсәтелә',
        overdue: 'Вакыты узган', dueSoon: 'Вакыты якын', noAddress: 'адрессыз', here: 'Бу урында гаризалар: {n}',
        andMore: 'тагын {n}', cluster: 'Гаризалар: {n}; якынайту өчен басыгыз' },
  en: { title: 'Requests on the map', connecting: 'connecting…', live: 'live', offline: 'connection lost, reconnecting…',
        district: 'District', category: 'Category', any: 'any', overdueOnly: 'overdue only', reset: 'Clear',
        legendOverdue: 'overdue', legendSoon: 'due soon', legendTriage: 'new or in triage',
        legendOpen: 'other open', legendCluster: 'several: click to zoom in',
        shown: 'on the map', overdueCount: 'overdue', capped: 'the newest 10,000 are shown',
        overdue: 'Overdue', dueSoon: 'Due soon', noAddress: 'no address', here: 'Requests here: {n}',
        andMore: 'and {n} more', cluster: '{n} requests; click to zoom in' },
};
const CELL = 60;            // px: points closer than this at the current zoom are drawn as one
const LIMIT = 10_000;       // the server's cap on points
const LISTED = 100;         // at most this many requests in the popup of one place
const COLOURS = { overdue: '#cf222e', soon: '#9a6700', triage: '#bf8700', open: '#0969da' };
const FIELDS = ['district', 'category'];

const { t } = await start(TEXTS);
const fill = (text, n) => text.replace('{n}', n.toLocaleString(lang === 'en' ? 'en' : 'ru'));

const map = L.map('map', { maxZoom: 19 });
L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
  maxZoom: 19, attribution: '© OpenStreetMap contributors',
}).addTo(map);
const drawn = L.layerGroup().addTo(map);
const popup = L.popup({ maxWidth: 340, maxHeight: 360 });   // on the map, not on a marker: a redraw keeps it open
let points = [];            // the last answer, each with x, y: its pixel position at zoom 0
let districts = [];
let popupIds = [];          // the requests the open popup tells of

function state(p) {
  if (p.overdue) return 'overdue';
  if (p.dueSoon) return 'soon';
  if (p.status === 'NEW' || p.status === 'TRIAGE') return 'triage';
  return 'open';
}

/**
 * The points near the view, grouped by cell: { members, x, y } with x, y the group's centre in
 * pixels at this zoom. Cells are fixed squares of the world at this zoom (not of the screen), so
 * panning never regroups what is already on screen. Points on either side of a cell's edge would
 * draw overlapping circles: neighbouring groups closer than half a cell become one, the larger
 * taking in the smaller.
 */
function grid(zoom) {
  const scale = map.getZoomScale(zoom, 0);
  const view = map.getPixelBounds();
  const [left, top] = [Math.floor(view.min.x / CELL) - 1, Math.floor(view.min.y / CELL) - 1];
  const [right, bottom] = [Math.floor(view.max.x / CELL) + 1, Math.floor(view.max.y / CELL) + 1];
  const cells = new Map();
  for (const p of points) {
    const [x, y] = [p.x * scale, p.y * scale];
    const [cx, cy] = [Math.floor(x / CELL), Math.floor(y / CELL)];
    if (cx < left || cx > right || cy < top || cy > bottom) continue;
    const key = `${cx}/${cy}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, cell = { cx, cy, members: [], sx: 0, sy: 0 });
    cell.members.push(p);
    cell.sx += x;
    cell.sy += y;
  }
  const groups = [...cells.values()].sort((a, b) => b.members.length - a.members.length);
  for (const g of groups) {
    g.x = g.sx / g.members.length;
    g.y = g.sy / g.members.length;
  }
  for (const g of groups) {
    if (g.merged) continue;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const n = cells.get(`${g.cx + dx}/${g.cy + dy}`);
        if (!n || n === g || n.merged || Math.hypot(n.x - g.x, n.y - g.y) >= CELL / 2) continue;
        n.merged = true;
        g.members.push(...n.members);
        g.sx += n.sx;
        g.sy += n.sy;
        g.x = g.sx / g.members.length;
        g.y = g.sy / g.members.length;
      }
    }
  }
  return groups.filter((g) => !g.merged);
}

function details(p) {
  const box = el('div', null, 'map-popup');
  const link = el('a', p.number);
  link.href = `/staff/request.html?id=${encodeURIComponent(p.id)}`;
  const heading = el('div', null, 'map-popup-number');
  heading.append(link);
  box.append(heading, statusChip(p.status), el('div', p.categoryName), el('div', p.address || t.noAddress));
  if (p.overdue) box.append(el('div', t.overdue, 'overdue'));
  else if (p.dueSoon) box.append(el('div', t.dueSoon, 'due-soon'));
  return box;
}

/** Several requests at one spot (one building, say), which no zoom separates: a list. */
function list(group) {
  const box = el('div', null, 'map-popup');
  box.append(el('div', fill(t.here, group.length), 'map-popup-number'));
  const items = el('ul', null, 'map-popup-list');
  for (const p of group.slice(0, LISTED)) {
    const link = el('a', p.number);
    link.href = `/staff/request.html?id=${encodeURIComponent(p.id)}`;
    const item = el('li', null, state(p) === 'overdue' ? 'overdue' : '');
    item.append(link, ' ', statusChip(p.status), ' ', el('span', p.categoryName), el('div', p.address || t.noAddress, 'hint'));
    items.append(item);
  }
  box.append(items);
  if (group.length > LISTED) box.append(el('div', fill(t.andMore, group.length - LISTED), 'hint'));
  return box;
}

function show(at, content, ids) {
  popupIds = ids;
  popup.setLatLng(at).setContent(content).openOn(map);
}

function single(p) {
  const s = state(p);
  const marker = L.circleMarker([p.lat, p.lon], {
    radius: 8, weight: 2, color: '#fff', fillColor: COLOURS[s], fillOpacity: 0.95, className: `point point-${s}`,
  });
  marker.on('click', () => show([p.lat, p.lon], details(p), [p.id]));
  drawn.addLayer(marker);
  marker.getElement().dataset.id = p.id;
}

function crowd({ members, x, y }, zoom) {
  const overdue = members.some((p) => p.overdue);
  const size = members.length < 10 ? 30 : members.length < 100 ? 36 : members.length < 1000 ? 42 : 50;
  const centre = map.unproject([x, y], zoom);
  const marker = L.marker(centre, {
    title: fill(t.cluster, members.length),
    icon: L.divIcon({ className: overdue ? 'cluster has-overdue' : 'cluster', html: el('span', members.length), iconSize: [size, size] }),
  });
  marker.on('click', () => {
    const bounds = L.latLngBounds(members.map((p) => [p.lat, p.lon]));
    const now = map.getZoom();
    if (now >= map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest())) {
      show(centre, list(members), members.map((p) => p.id));
    } else {
      map.setView(bounds.getCenter(), Math.min(map.getMaxZoom(), Math.max(now + 1, map.getBoundsZoom(bounds.pad(0.3)))));
    }
  });
  drawn.addLayer(marker);
  marker.getElement().dataset.count = String(members.length);
}

function draw() {
  drawn.clearLayers();
  const zoom = map.getZoom();
  for (const group of grid(zoom)) {
    if (group.members.length === 1) single(group.members[0]);
    else crowd(group, zoom);
  }
}

let drawing = false;
function redraw() {   // a zoom ends with a move too: draw once for both
  if (drawing) return;
  drawing = true;
  requestAnimationFrame(() => {
    drawing = false;
    draw();
    remember();
  });
}

function fit() {
  if (points.length) {
    map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon])), { padding: [30, 30], maxZoom: 16 });
    return;
  }
  const chosen = districts.filter((d) => !$('f-district').value || d.code === $('f-district').value);
  if (chosen.length) map.fitBounds(L.latLngBounds(chosen.map((d) => [d.centre.lat, d.centre.lon])).pad(0.3), { maxZoom: 13 });
  else map.setView([0, 0], 2);
}

function query() {
  const q = new URLSearchParams();
  for (const f of FIELDS) if ($(`f-${f}`).value) q.set(f, $(`f-${f}`).value);
  if ($('f-overdue').checked) q.set('overdue', 'true');
  return q;
}

/** The filters and the view in the address, so that a view can be reloaded or sent to a colleague. */
function remember() {
  const link = query();
  if (params.get('lang')) link.set('lang', params.get('lang'));
  const c = map.getCenter();
  link.set('lat', c.lat.toFixed(5));
  link.set('lon', c.lng.toFixed(5));
  link.set('zoom', String(map.getZoom()));
  history.replaceState(null, '', `?${link}`);
}

function summarise() {
  const summary = $('summary');
  const overdue = points.filter((p) => p.overdue).length;
  const parts = [`${t.shown}: ${points.length}`, `${t.overdueCount}: ${overdue}`];
  if (points.length >= LIMIT) parts.push(t.capped);
  summary.textContent = parts.join(' · ');
  summary.dataset.points = String(points.length);
}

/** Keeps an open popup true to the new points: the same content if its requests are all still here, closed if not. */
function refreshPopup() {
  if (!map.hasLayer(popup)) return;
  const byId = new Map(points.map((p) => [p.id, p]));
  const still = popupIds.map((id) => byId.get(id)).filter(Boolean);
  if (still.length !== popupIds.length) map.closePopup(popup);
  else popup.setContent(still.length === 1 ? details(still[0]) : list(still));
}

let asked = 0;
async function load({ refit = false } = {}) {
  const mine = ++asked;
  try {
    const answer = await api(`/api/v1/requests/map?${query()}`);
    if (mine !== asked) return;   // a later question is on its way
    points = answer.map((p) => {
      const at = map.project([p.lat, p.lon], 0);
      return { ...p, x: at.x, y: at.y };
    });
    $('problem').hidden = true;
    if (refit) fit();
    summarise();
    refreshPopup();
    draw();
    remember();
  } catch (e) {
    problem(e);
  }
}

let pending = null;
function soon() {   // many changes in a burst: one reload a second after the first
  pending ??= setTimeout(() => { pending = null; load(); }, 1000);
}

function connect() {
  const live = $('live');
  return liveFeed({
    changed: soon,
    reload: soon,
    state: (on) => {
      live.textContent = on ? t.live : t.offline;
      live.classList.toggle('on', on);
    },
  });
}

function option(select, value, text) {
  const o = el('option', text);
  o.value = value;
  select.append(o);
}

async function fillChoices() {
  const [found, categories] = await Promise.all([api('/api/v1/districts'), api('/api/v1/categories')]);
  districts = found;
  for (const d of districts) option($('f-district'), d.code, d.name);
  for (const c of categories) option($('f-category'), c.code, c.name);
  for (const f of FIELDS) if (params.get(f)) $(`f-${f}`).value = params.get(f);
  $('f-overdue').checked = params.get('overdue') === 'true';
}

/** The view from the address, when it names a sensible one. */
function viewFromAddress() {
  const [lat, lon, zoom] = ['lat', 'lon', 'zoom'].map((k) => Number.parseFloat(params.get(k) ?? ''));
  if (![lat, lon, zoom].every(Number.isFinite) || Math.abs(lat) > 85 || Math.abs(lon) > 180) return false;
  map.setView([lat, lon], Math.max(1, Math.min(map.getMaxZoom(), Math.round(zoom))));
  return true;
}

try {
  await fillChoices();
} catch (e) {
  problem(e);
}
const placed = viewFromAddress();
if (!placed) fit();   // the districts for now: Leaflet needs a view before anything is projected or drawn
const feed = connect();
// Listening first, then reading: nothing that changes in between is missed (unless the feed is slow to open).
await Promise.race([feed.opened, new Promise((resolve) => { setTimeout(resolve, 2000); })]);
await load({ refit: !placed });
map.on('zoomend moveend', redraw);
$('filters').addEventListener('change', () => load({ refit: true }));
$('filters').addEventListener('submit', (e) => e.preventDefault());
$('reset').addEventListener('click', () => { $('filters').reset(); load({ refit: true }); });
