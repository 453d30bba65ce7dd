// Organisations tab (city admin): every organisation of the city; one form registers a new one
// or, after Edit, changes a registered one's names and phone (code and kind stay as registered);
// each row switches its organisation off and on.

import { $, api, el } from '../session.js';
import { button, cell, clear, fill, onSubmit, option, run, value } from './forms.js';

const KINDS = ['MANAGEMENT_COMPANY', 'CONTRACTOR', 'RESOURCE_SUPPLIER', 'CITY_COMMITTEE', 'CALL_CENTRE'];

export function organisationsTab({ t, lang, organisations, setOrganisations }) {
  const rows = $('organisations').tBodies[0];
  const form = $('organisation-form');
  let editing = null;

  const nameOf = (o) => (lang === 'en' ? o.nameEn : o.nameRu);

  function replace(changed) {
    const list = organisations();
    const at = list.findIndex((o) => o.id === changed.id);
    setOrganisations(at < 0 ? [...list, changed] : list.map((o) => (o.id === changed.id ? changed : o)));
    draw();
  }

  function row(o) {
    const tr = el('tr');
    tr.dataset.id = o.id;
    tr.dataset.code = o.code;
    tr.classList.toggle('inactive', !o.active);
    const actions = cell(el('div', null, 'row'));
    actions.firstChild.append(
      button(t.edit, 'quiet edit', () => edit(o)),
      button(o.active ? t.deactivate : t.reactivate, 'quiet toggle', () => run(tr, async () => {
        replace(await api(`/api/v1/admin/organisations/${encodeURIComponent(o.id)}`,
                          { method: 'PATCH', body: { active: !o.active } }));
      })),
    );
    actions.append(el('span', null, 'problem'), el('span', null, 'ok'));
    for (const s of actions.querySelectorAll('.problem, .ok')) s.hidden = true;
    const state = cell(el('span', o.active ? t.active : t.inactive, `chip ${o.active ? 'active' : 'inactive'}`));
    tr.append(el('td', o.code), el('td', t.kinds[o.kind] || o.kind), el('td', o.nameRu, 'name-ru'), el('td', o.nameEn, 'name-en'),
              el('td', o.phone || '—'), state, actions);
    return tr;
  }

  function draw() {
    rows.replaceChildren(...organisations().map(row));
  }

  function mode(o) {
    editing = o;
    clear(form);
    form.elements.code.disabled = Boolean(o);
    form.elements.kind.disabled = Boolean(o);
    $('organisation-heading').textContent = o ? fill(t.editOrganisation, { code: o.code }) : t.newOrganisation;
    $('organisation-submit').textContent = o ? t.save : t.create;
    $('organisation-cancel').hidden = !o;
  }

  function edit(o) {
    mode(o);
    form.elements.code.value = o.code;
    form.elements.kind.value = o.kind;
    form.elements.nameRu.value = o.nameRu;
    form.elements.nameEn.value = o.nameEn;
    form.elements.phone.value = o.phone || '';
    form.elements.nameRu.focus();
  }

  function fresh() {
    form.reset();
    mode(null);
  }

  option(form.elements.kind, '', t.choose);
  for (const k of KINDS) option(form.elements.kind, k, t.kinds[k]);
  $('organisation-cancel').addEventListener('click', fresh);
  onSubmit(form, async () => {
    const names = { nameRu: form.elements.nameRu.value, nameEn: form.elements.nameEn.value, phone: value(form, 'phone') };
    if (editing) {
      const saved = await api(`/api/v1/admin/organisations/${encodeURIComponent(editing.id)}`, { method: 'PATCH', body: names });
      replace(saved);
      fresh();
      return fill(t.organisationSaved, { name: nameOf(saved) });
    }
    const created = await api('/api/v1/admin/organisations', {
      method: 'POST', body: { code: form.elements.code.value.trim(), kind: form.elements.kind.value || null, ...names },
    });
    replace(created);
    fresh();
    return fill(t.organisationCreated, { name: nameOf(created) });
  });

  return { load: async () => draw() };
}
