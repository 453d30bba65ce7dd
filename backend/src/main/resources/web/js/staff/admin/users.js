// Users tab (city admin): everyone of the city, searched by name or login and filtered by role
// and organisation, a page at a time; staff accounts created with their roles and organisation
// (skills when they are technicians); accounts switched off (which ends their sessions) and on.

import { $, api, el, when } from '../session.js';
import { button, cell, fill, onSubmit, option, options, run, tick, ticked, value } from './forms.js';
import { localeChoices, skillCatalogue, skillTicks } from './technicians.js';

const STAFF_ROLES = ['CALL_CENTRE_OPERATOR', 'TECHNICIAN', 'ORG_DISPATCHER', 'ORG_ADMIN', 'CITY_DISPATCHER', 'CITY_ADMIN'];

export function usersTab({ me, t, lang, categories, organisations }) {
  const rows = $('users').tBodies[0];
  const filters = $('user-filters');
  const form = $('new-user');
  const catalogue = skillCatalogue(categories);
  const skillsBox = form.querySelector('fieldset[name=skills]');
  let next = null;

  const organisationName = (id) => {
    const o = organisations().find((x) => x.id === id);
    return o ? (lang === 'en' ? o.nameEn : o.nameRu) : '—';
  };

  function row(u, fresh) {
    const tr = el('tr');
    tr.dataset.id = u.id;
    tr.dataset.login = u.login || '';
    if (fresh) tr.classList.add('fresh');
    const state = el('td');
    const actions = cell();
    const toggle = button('', 'quiet toggle');
    const unlock = button(t.unlock, 'quiet unlock');   // after failed sign-ins (the server decides who may)
    if (u.id !== me.id) actions.append(toggle, unlock);
    else actions.append(el('span', t.you, 'hint'));
    actions.append(el('span', null, 'problem'), el('span', null, 'ok'));
    for (const s of actions.querySelectorAll('.problem, .ok')) s.hidden = true;

    function show(v) {
      tr.user = v;
      tr.classList.toggle('inactive', !v.active);
      const chips = [el('span', v.active ? t.active : t.inactive, `chip ${v.active ? 'active' : 'inactive'}`)];
      const delayed = Boolean(v.lockedUntil) && new Date(v.lockedUntil) > new Date();
      if (delayed) chips.push(el('span', fill(t.lockedUntil, { when: when(v.lockedUntil) }), 'hint'));
      state.replaceChildren(...chips);
      unlock.hidden = !delayed;
      toggle.textContent = v.active ? t.deactivate : t.reactivate;
    }
    toggle.addEventListener('click', () => run(tr, async () => {
      const active = !tr.user.active;
      const changed = await api(`/api/v1/admin/users/${encodeURIComponent(u.id)}`, { method: 'PATCH', body: { active } });
      show(changed);
      return fill(active ? t.reactivated : t.deactivated, { name: changed.displayName });
    }));
    unlock.addEventListener('click', () => run(tr, async () => {
      const changed = await api(`/api/v1/admin/users/${encodeURIComponent(u.id)}/sign-in-delay`, { method: 'DELETE' });
      show(changed);
      return fill(t.unlocked, { name: changed.displayName });
    }));
    const roles = [...u.roles].map((r) => t.roleNames[r] || r).join(', ');
    tr.append(el('td', u.displayName), el('td', u.login || u.phone || ''), el('td', u.kind === 'RESIDENT' ? t.resident : roles),
              el('td', u.organisationId ? organisationName(u.organisationId) : '—'), el('td', u.totpEnabled ? t.yes : t.no),
              state, actions);
    show(u);
    return tr;
  }

  function query(after) {
    const q = new URLSearchParams({ limit: '50' });
    for (const name of ['q', 'role', 'organisation']) {
      const v = filters.elements[name].value.trim();
      if (v) q.set(name, v);
    }
    if (after) q.set('after', after);
    return q;
  }

  async function load() {
    const page = await api(`/api/v1/admin/users?${query()}`);
    next = page.next;
    rows.replaceChildren(...page.items.map((u) => row(u, false)));
    $('users-empty').hidden = page.items.length > 0;
    $('users-more').hidden = !next;
  }

  async function more() {
    const page = await api(`/api/v1/admin/users?${query(next)}`);
    next = page.next;
    rows.append(...page.items.map((u) => row(u, false)));
    $('users-more').hidden = !next;
  }

  function organisationChoices(list) {
    const named = list.map((o) => [o.id, `${lang === 'en' ? o.nameEn : o.nameRu} (${o.code})`]);
    options(filters.elements.organisation, named, { keepFirst: true });
    options(form.elements.organisationId, named, { keepFirst: true });
  }

  function blank() {
    localeChoices(form.elements.locale, t, lang);
    form.querySelector('fieldset[name=roles] .ticks').replaceChildren(...STAFF_ROLES.map((r) => tick(t.roleNames[r], r, false)));
    skillTicks(skillsBox.querySelector('.ticks'), catalogue, new Set(), t);
    skillsBox.hidden = true;
  }

  for (const r of ['RESIDENT', ...STAFF_ROLES]) option(filters.elements.role, r, t.roleNames[r]);
  option(form.elements.organisationId, '', t.choose);
  organisationChoices(organisations());
  blank();
  form.querySelector('fieldset[name=roles]').addEventListener('change', () => {
    skillsBox.hidden = !ticked(form.querySelector('fieldset[name=roles]')).includes('TECHNICIAN');
  });
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    run(filters, load);
  });
  $('users-more').addEventListener('click', () => run(filters, more));
  onSubmit(form, async () => {
    const roles = ticked(form.querySelector('fieldset[name=roles]'));
    const created = await api('/api/v1/admin/users', {
      method: 'POST',
      body: {
        displayName: value(form, 'displayName') ?? '', login: value(form, 'login') ?? '', password: form.elements.password.value,
        organisationId: form.elements.organisationId.value || null, locale: form.elements.locale.value, roles,
        skills: roles.includes('TECHNICIAN') ? ticked(skillsBox) : [],
      },
    });
    rows.prepend(row(created, true));
    $('users-empty').hidden = true;
    form.reset();
    blank();
    return fill(t.userCreated, { name: created.displayName });
  });

  return { load, organisationsChanged: organisationChoices };
}
