// Technicians tab (organisation admin): the organisation's technicians with their skills, ticked
// and saved row by row; a new technician; deactivation and back. Skills are those the city's
// categories ask for, plus any a technician already has that no category asks for (kept, not dropped).

import { $, api, el } from '../session.js';
import { button, cell, fill, onSubmit, option, run, tick, ticked, value } from './forms.js';

/** Every skill the categories ask for, in catalogue order, with the names of those categories. */
export function skillCatalogue(categories) {
  const skills = new Map();
  for (const c of categories) {
    if (!c.skill) continue;
    if (!skills.has(c.skill)) skills.set(c.skill, []);
    skills.get(c.skill).push(c.name);
  }
  return skills;
}

/** Tick boxes for skills: the catalogue's, then any others the person has. */
export function skillTicks(container, catalogue, had, t) {
  const all = [...catalogue.keys(), ...[...had].filter((s) => !catalogue.has(s)).sort()];
  container.replaceChildren(...all.map((s) => {
    const categories = catalogue.get(s);
    return tick(s, s, had.has(s), categories ? fill(t.skillFor, { categories: categories.join(', ') }) : undefined);
  }));
}

export function localeChoices(select, t, chosen) {
  select.replaceChildren();
  for (const code of ['ru', 'tt', 'en']) option(select, code, t.locales[code]);
  select.value = chosen;
}

export function technicians({ me, t, lang, categories }) {
  const rows = $('technicians').tBodies[0];
  const form = $('new-technician');
  const catalogue = skillCatalogue(categories);

  function row(user) {
    const tr = el('tr');
    tr.dataset.id = user.id;
    tr.dataset.login = user.login;
    const skillsCell = el('td');
    skillsCell.dataset.field = 'skills';
    const skills = el('div', null, 'ticks');
    skillsCell.append(skills);
    skillTicks(skills, catalogue, new Set(user.skills), t);
    const state = el('td');
    const save = button(t.save, 'quiet save');
    save.disabled = true;
    const toggle = button('', 'quiet toggle');
    const actions = cell(el('div', null, 'row'));
    actions.firstChild.append(save, toggle);
    actions.append(el('span', null, 'problem'), el('span', null, 'ok'));
    for (const s of actions.querySelectorAll('.problem, .ok')) s.hidden = true;

    function show(u) {
      tr.user = u;
      state.replaceChildren(el('span', u.active ? t.active : t.inactive, `chip ${u.active ? 'active' : 'inactive'}`));
      tr.classList.toggle('inactive', !u.active);
      toggle.textContent = u.active ? t.deactivate : t.reactivate;
    }
    function sync() {   // Save only when the ticks differ from what is stored
      save.disabled = ticked(skills).sort().join() === [...tr.user.skills].sort().join();
    }
    skills.addEventListener('change', sync);
    save.addEventListener('click', async () => {
      await run(tr, async () => {
        const changed = await api(`/api/v1/admin/users/${encodeURIComponent(user.id)}`,
                                  { method: 'PATCH', body: { skills: ticked(skills) } });
        show(changed);
        return t.skillsSaved;
      });
      sync();
    });
    toggle.addEventListener('click', () => run(tr, async () => {
      const active = !tr.user.active;
      const changed = await api(`/api/v1/admin/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { active } });
      show(changed);
      return fill(active ? t.reactivated : t.deactivated, { name: changed.displayName });
    }));
    tr.append(el('td', user.displayName), el('td', user.login), skillsCell, state, actions);
    show(user);
    sync();
    return tr;
  }

  async function load() {
    const found = [];
    let next = null;
    do {
      const q = new URLSearchParams({ organisation: me.organisationId, role: 'TECHNICIAN', limit: '200' });
      if (next) q.set('after', next);
      const page = await api(`/api/v1/admin/users?${q}`);
      found.push(...page.items);
      next = page.next;
    } while (next);
    found.sort((a, b) => a.displayName.localeCompare(b.displayName, lang));
    rows.replaceChildren(...found.map(row));
    $('technicians-empty').hidden = found.length > 0;
  }

  function blank() {
    skillTicks(form.querySelector('.ticks'), catalogue, new Set(), t);
  }

  localeChoices(form.elements.locale, t, lang);
  blank();
  onSubmit(form, async () => {
    const created = await api('/api/v1/admin/users', {
      method: 'POST',
      body: {
        displayName: value(form, 'displayName') ?? '', login: value(form, 'login') ?? '', password: form.elements.password.value,
        locale: form.elements.locale.value, roles: ['TECHNICIAN'], skills: ticked(form.querySelector('.ticks')),
        organisationId: me.organisationId,
      },
    });
    rows.append(row(created));
    $('technicians-empty').hidden = true;
    form.reset();
    localeChoices(form.elements.locale, t, lang);
    blank();
    return fill(t.technicianCreated, { name: created.displayName });
  });

  return { load };
}
