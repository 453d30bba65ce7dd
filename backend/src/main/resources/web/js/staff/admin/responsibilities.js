// Responsibilities tab: territory × category for an organisation (the organisation admin's own;
// a city admin picks one). Ending a responsibility keeps it, ended today, so earlier routing stays
// explainable; ended ones are shown on request. A territory is a district, or one building found
// by its address.

import { $, ApiError, api, el, problem } from '../session.js';
import { button, cell, fill, onSubmit, option, options, run, say } from './forms.js';

/** The browser's date, YYYY-MM-DD (the city's, as long as its staff work there). */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function responsibilities({ me, t, lang, categories, districts, organisations, cityWide }) {
  const rows = $('responsibilities').tBodies[0];
  const form = $('new-responsibility');
  const chooser = $('resp-organisation');
  const categoryName = new Map(categories.map((c) => [c.code, c.name]));
  const districtName = new Map(districts.map((d) => [d.code, d.name]));
  let building = null;
  let shown = [];

  const organisation = () => (cityWide ? chooser.value : me.organisationId);
  const territory = (r) => (r.districtCode ? `${t.district}: ${districtName.get(r.districtCode) || r.districtCode}`
    : `${t.building}: ${(lang === 'en' ? r.buildingAddressEn : r.buildingAddressRu) || r.buildingId}`);
  const what = (r) => `${categoryName.get(r.categoryCode) || r.categoryCode} — ${territory(r)}`;
  const ended = (r) => Boolean(r.validTo) && r.validTo <= today();   // the end day itself is no longer covered

  function row(r) {
    const tr = el('tr');
    tr.dataset.id = r.id;
    tr.dataset.category = r.categoryCode;
    tr.dataset.territory = r.districtCode || r.buildingId;
    const state = ended(r) ? t.ended : r.validFrom > today() ? fill(t.upcoming, { date: r.validFrom })
      : r.validTo ? fill(t.ending, { date: r.validTo }) : t.current;
    tr.classList.toggle('inactive', ended(r));
    const actions = cell();
    if (!r.validTo) {   // one with an end already set keeps it
      actions.append(button(t.end, 'quiet end', () => run(tr, async () => {
        const done = await api(`/api/v1/admin/responsibilities/${encodeURIComponent(r.id)}`, { method: 'DELETE' });
        shown = shown.map((x) => (x.id === done.id ? done : x));
        draw();
        status(fill(t.responsibilityEnded, { what: what(done) }));
      })));
    }
    actions.append(el('span', null, 'problem'), el('span', null, 'ok'));
    for (const s of actions.querySelectorAll('.problem, .ok')) s.hidden = true;
    tr.append(el('td', categoryName.get(r.categoryCode) || r.categoryCode), el('td', territory(r)), el('td', r.validFrom),
              el('td', r.validTo || '—'), el('td', state), actions);
    return tr;
  }

  function status(text) {   // outside the row, which may be gone from the list once ended
    $('resp-status').textContent = text;
    $('resp-status').hidden = false;
  }

  function draw() {
    const visible = shown.filter((r) => $('resp-ended').checked || !ended(r));
    rows.replaceChildren(...visible.map(row));
    $('responsibilities-empty').hidden = visible.length > 0;
  }

  async function load() {
    if (!organisation()) return;
    $('resp-status').hidden = true;
    shown = await api(`/api/v1/admin/organisations/${encodeURIComponent(organisation())}/responsibilities`);
    draw();
  }

  function organisationChoices(list) {
    options(chooser, list.map((o) => [o.id, `${lang === 'en' ? o.nameEn : o.nameRu} (${o.code})`]));
  }

  // the form: category, then a district or a building found by address, then optional dates
  const districtPart = form.querySelector('.territory-district');
  const buildingPart = form.querySelector('.territory-building');
  const choices = buildingPart.querySelector('.choices');
  const chosen = buildingPart.querySelector('.chosen');

  function choose(b) {
    building = b;
    chosen.textContent = b ? (lang === 'en' ? b.addressEn : b.addressRu) : '';
    choices.hidden = true;
  }

  let pending = null;
  async function search() {
    const q = form.elements.buildingQuery.value.trim();
    if (q.length < 2) {
      choices.hidden = true;
      return;
    }
    try {
      const found = await api(`/api/v1/buildings?q=${encodeURIComponent(q)}`);
      if (q !== form.elements.buildingQuery.value.trim()) return;   // typed on meanwhile
      choices.replaceChildren(...(found.length ? found.map((b) => {
        const li = el('li');
        li.append(button(lang === 'en' ? b.addressEn : b.addressRu, null, () => choose(b)));
        return li;
      }) : [el('li', t.noBuildings, 'hint')]));
      choices.hidden = false;
    } catch (e) {
      say(form, e.message, 'problem');   // the form's own line: what was typed stays
    }
  }
  form.elements.buildingQuery.addEventListener('input', () => {
    clearTimeout(pending);
    pending = setTimeout(search, 300);
  });
  form.elements.buildingQuery.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {   // Enter searches here; it does not send the form
      e.preventDefault();
      clearTimeout(pending);
      search();
    }
  });
  function territoryKind() {
    const byBuilding = form.elements.territoryKind.value === 'building';
    districtPart.hidden = byBuilding;
    buildingPart.hidden = !byBuilding;
  }
  form.addEventListener('change', (e) => { if (e.target.name === 'territoryKind') territoryKind(); });

  function blank() {
    option(form.elements.categoryCode, '', t.choose);
    for (const c of categories) option(form.elements.categoryCode, c.code, c.name);
    for (const d of districts) option(form.elements.districtCode, d.code, d.name);
  }
  blank();

  onSubmit(form, async () => {
    const byBuilding = form.elements.territoryKind.value === 'building';
    if (byBuilding && !building) {
      throw new ApiError(400, { errors: [{ field: 'buildingId', code: 'required', message: t.errors['buildingId.required'] }] });
    }
    const added = await api(`/api/v1/admin/organisations/${encodeURIComponent(organisation())}/responsibilities`, {
      method: 'POST',
      body: {
        categoryCode: form.elements.categoryCode.value || null,
        districtCode: byBuilding ? undefined : form.elements.districtCode.value,
        buildingId: byBuilding ? building.id : undefined,
        validFrom: form.elements.validFrom.value || undefined,
        validTo: form.elements.validTo.value || undefined,
      },
    });
    shown.push(added);
    draw();
    form.reset();
    choose(null);
    territoryKind();
    return fill(t.responsibilityAdded, { what: what(added) });
  });

  // new territory is the city's to give: an organisation admin ends its own lines but adds none
  form.hidden = !cityWide;
  $('new-responsibility-heading').hidden = !cityWide;
  if (cityWide) {
    $('resp-organisation-label').hidden = false;
    organisationChoices(organisations());
    const serving = organisations().find((o) => !['CITY_COMMITTEE', 'CALL_CENTRE'].includes(o.kind));
    if (serving) chooser.value = serving.id;   // one that answers for requests, rather than the first by kind
    chooser.addEventListener('change', () => load().catch((e) => problem(e)));
  }
  $('resp-ended').addEventListener('change', draw);

  return { load, organisationsChanged: organisationChoices };
}
