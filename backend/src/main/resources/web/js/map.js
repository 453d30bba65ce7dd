// The public map: open requests of the city by building, anonymised. Red places have overdue requests.

import * as L from '/webjars/leaflet/1.9.4/dist/leaflet-src.esm.js';
import { language, localise } from './page.js';

const TEXTS = {
  ru: { brand: 'Открытый город', title: 'Открытые заявки на карте', open: 'открытых', overdue: 'просрочено',
        places: 'мест', outside: 'Вне зданий', failed: 'Карту не удалось загрузить; попробуйте позже.' },
  tt: { brand: 'Ачык шәһәр', title: 'Ачык гаризалар картада', open: 'ачык', overdue: 'вакыты узган',
        places: 'урын', outside: 'Биналардан тыш', failed: 'Картаны йөкләп булмады; соңрак тырышып карагыз.' },
  en: { brand: 'Open City', title: 'Open requests on the map', open: 'open', overdue: 'overdue',
        places: 'places', outside: 'Outside buildings', failed: 'The map could not be loaded; please try later.' },
};

const params = new URLSearchParams(location.search);
const lang = language(TEXTS, params);
const t = TEXTS[lang];
localise(t, lang, params);

const map = L.map('map', { preferCanvas: false }).setView([55.7963, 49.1088], 12);
L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
  maxZoom: 19, attribution: '© OpenStreetMap contributors',
}).addTo(map);

function popup(p) {
  const box = document.createElement('div');
  box.className = 'place';
  const title = document.createElement('h4');
  title.textContent = p.address || t.outside;
  const counts = document.createElement('div');
  counts.textContent = `${p.open} ${t.open}` + (p.overdue ? `, ${p.overdue} ${t.overdue}` : '');
  const list = document.createElement('ul');
  for (const [name, n] of Object.entries(p.categories)) {
    const li = document.createElement('li');
    li.textContent = `${name}: ${n}`;
    list.append(li);
  }
  box.append(title, counts, list);
  return box;
}

try {
  const response = await fetch(`/api/v1/public/map?lang=${lang}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(String(response.status));
  const places = await response.json();
  const bounds = [];
  let open = 0;
  let overdue = 0;
  for (const p of places) {
    open += p.open;
    overdue += p.overdue;
    bounds.push([p.lat, p.lon]);
    L.circleMarker([p.lat, p.lon], {
      radius: Math.min(18, 5 + Math.sqrt(p.open) * 3), weight: 1,
      color: p.overdue ? '#cf222e' : '#0969da', fillOpacity: 0.6, className: p.overdue ? 'place-overdue' : 'place-open',
    }).bindPopup(popup(p)).addTo(map);
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  const summary = document.getElementById('summary');
  summary.textContent = `${open} ${t.open} · ${overdue} ${t.overdue} · ${places.length} ${t.places}`;
  summary.dataset.places = String(places.length);
} catch {
  const problem = document.getElementById('problem');
  problem.textContent = t.failed;
  problem.hidden = false;
}
