// The administration page: tabs by role. An organisation admin manages their own organisation's
// technicians, responsibilities and deadlines; a city admin the organisations, users,
// responsibilities, working calendar and the city's standard deadlines. Each tab is a module under
// admin/ that reads its data the first time it is shown. The server decides what anyone may do;
// the tabs only leave out what the person's roles cannot use.

import { $, api, lang, params, problem, start } from './session.js';
import { TEXTS } from './admin/texts.js';
import { useTexts } from './admin/forms.js';
import { technicians } from './admin/technicians.js';
import { responsibilities } from './admin/responsibilities.js';
import { organisationsTab } from './admin/organisations.js';
import { usersTab } from './admin/users.js';
import { slas } from './admin/slas.js';
import { calendar } from './admin/calendar.js';

const { me, t } = await start(TEXTS);
useTexts(t);

const cityWide = me.roles.includes('CITY_ADMIN');
const orgAdmin = me.roles.includes('ORG_ADMIN');
const TABS = [
  { key: 'technicians', allowed: orgAdmin, make: technicians },
  { key: 'organisations', allowed: cityWide, make: organisationsTab },
  { key: 'users', allowed: cityWide, make: usersTab },
  { key: 'responsibilities', allowed: orgAdmin || cityWide, make: responsibilities },
  { key: 'slas', allowed: orgAdmin || cityWide, make: slas },
  { key: 'calendar', allowed: cityWide, make: calendar },
].filter((tab) => tab.allowed);

let reference = null;
try {
  reference = TABS.length ? await Promise.all([
    api('/api/v1/categories'), api('/api/v1/districts'), api('/api/v1/admin/organisations'),
  ]) : null;
} catch (e) {
  problem(e);
}
if (!TABS.length) {
  problem({ message: t.notAdmin });
} else if (reference) {
  const [categories, districts, found] = reference;
  let organisations = found;
  const context = {
    me, t, lang, categories, districts, cityWide,
    organisations: () => organisations,
    setOrganisations(list) {
      organisations = list;
      for (const tab of TABS) tab.instance.organisationsChanged?.(list);
    },
  };
  if (!cityWide) {
    const own = organisations.find((o) => o.id === me.organisationId);
    if (own) $('scope').textContent = lang === 'en' ? own.nameEn : own.nameRu;
  }
  for (const tab of TABS) {
    tab.button = $(`tab-${tab.key}`);
    tab.button.hidden = false;
    tab.instance = tab.make(context);
  }
  const loaded = new Set();

  function select(key) {
    const chosen = TABS.find((tab) => tab.key === key) || TABS[0];
    for (const tab of TABS) {
      const on = tab === chosen;
      tab.button.setAttribute('aria-selected', String(on));
      tab.button.tabIndex = on ? 0 : -1;
      $(`panel-${tab.key}`).hidden = !on;
    }
    $('problem').hidden = true;
    if (!loaded.has(chosen.key)) {
      loaded.add(chosen.key);
      chosen.instance.load().catch((e) => {
        loaded.delete(chosen.key);
        problem(e);
      });
    }
    const here = new URLSearchParams(location.search);
    here.set('tab', chosen.key);
    history.replaceState(null, '', `?${here}`);
    for (const a of document.querySelectorAll('.languages a')) {   // a language change keeps the tab
      const link = new URLSearchParams(a.search);
      link.set('tab', chosen.key);
      a.search = `?${link}`;
    }
    return chosen;
  }

  $('tabs').addEventListener('click', (e) => {
    const b = e.target.closest('[data-tab]');
    if (b) select(b.dataset.tab);
  });
  $('tabs').addEventListener('keydown', (e) => {   // arrows move between tabs, as in any tab list
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    const at = TABS.findIndex((tab) => tab.button === document.activeElement);
    if (at < 0) return;
    select(TABS[(at + step + TABS.length) % TABS.length].key).button.focus();
  });
  select(params.get('tab'));
}
