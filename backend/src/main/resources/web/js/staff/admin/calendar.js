// Working calendar tab (city admin): a year's exceptional days (holidays, transferred working
// days, shortened days) listed and shown on twelve small months, added and removed one date at a
// time; and the city's working hours. Deadlines computed afterwards use the change.

import { $, ApiError, api, el, lang, problem } from '../session.js';
import { button, cell, fill, onSubmit, option, run } from './forms.js';

const KINDS = ['HOLIDAY', 'SHORT', 'WORKDAY', 'SHORT_WORKDAY'];
const WEEKEND_KINDS = ['WORKDAY', 'SHORT_WORKDAY'];
const locale = lang === 'tt' ? 'ru' : lang;

/** A date of the calendar (YYYY-MM-DD) as a Date at noon UTC, so no time zone moves it to another day. */
const day = (iso) => new Date(`${iso}T12:00:00Z`);
const isWeekend = (iso) => [0, 6].includes(day(iso).getUTCDay());
const weekday = (iso) => day(iso).toLocaleDateString(locale, { weekday: 'long', timeZone: 'UTC' });
const long = (iso) => day(iso).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function calendar({ t }) {
  const rows = $('days').tBodies[0];
  const hours = $('working-hours');
  const form = $('new-day');
  let shown = null;

  function status(text) {
    $('days-status').textContent = text;
    $('days-status').hidden = false;
  }

  function row(d) {
    const tr = el('tr');
    tr.dataset.date = d.date;
    tr.dataset.kind = d.kind;
    const actions = cell(button(t.remove, 'quiet remove', () => run(tr, async () => {
      await api(`/api/v1/admin/calendar/days/${encodeURIComponent(d.date)}`, { method: 'DELETE' });
      await load(shown.year);
      status(fill(t.dayCleared, { date: long(d.date) }));
    })));
    actions.append(el('span', null, 'problem'), el('span', null, 'ok'));
    for (const s of actions.querySelectorAll('.problem, .ok')) s.hidden = true;
    tr.append(el('td', long(d.date)), el('td', weekday(d.date)), el('td', t.dayKinds[d.kind] || d.kind, `kind-${d.kind}`), actions);
    return tr;
  }

  /** Twelve small months with the exceptional days marked: the year at a glance. */
  function months(year, days) {
    const kinds = new Map(days.map((d) => [d.date, d.kind]));
    const out = [];
    for (let m = 0; m < 12; m++) {
      const box = el('div', null, 'month');
      box.append(el('div', new Date(Date.UTC(year, m, 15)).toLocaleDateString(locale, { month: 'long', timeZone: 'UTC' }), 'month-name'));
      const grid = el('div', null, 'month-days');
      for (let w = 0; w < 7; w++) {   // 2024-01-01 was a Monday
        grid.append(el('span', day(`2024-01-0${w + 1}`).toLocaleDateString(locale, { weekday: 'narrow', timeZone: 'UTC' }), 'weekday'));
      }
      const first = (new Date(Date.UTC(year, m, 1)).getUTCDay() + 6) % 7;   // Monday first
      for (let i = 0; i < first; i++) grid.append(el('span'));
      const length = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
      for (let dd = 1; dd <= length; dd++) {
        const iso = `${year}-${String(m + 1).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
        const kind = kinds.get(iso);
        const span = el('span', dd, [isWeekend(iso) ? 'weekend' : '', kind ? `kind-${kind}` : ''].join(' ').trim());
        if (kind) span.title = t.dayKinds[kind];
        grid.append(span);
      }
      box.append(grid);
      out.push(box);
    }
    $('months').replaceChildren(...out);
  }

  async function load(year) {
    const view = await api(`/api/v1/admin/calendar${year ? `?year=${encodeURIComponent(year)}` : ''}`);
    shown = view;
    $('days-status').hidden = true;
    $('year-heading').textContent = fill(t.yearHeading, { year: view.year });
    $('timezone').textContent = fill(t.timezone, { zone: view.timezone });
    $('year-back').disabled = view.year <= 2000;
    $('year-on').disabled = view.year >= 2100;
    if (!hours.dataset.touched) {   // never overwrite hours being typed
      hours.elements.workStartsAt.value = view.workStartsAt;
      hours.elements.workEndsAt.value = view.workEndsAt;
    }
    rows.replaceChildren(...view.days.map(row));
    $('days-empty').hidden = view.days.length > 0;
    months(view.year, view.days);
  }

  for (const k of KINDS) option(form.elements.kind, k, t.dayKinds[k]);
  form.elements.date.addEventListener('change', () => {   // suggest the kind that fits the day of the week
    const iso = form.elements.date.value;
    if (!iso) return;
    if (isWeekend(iso) !== WEEKEND_KINDS.includes(form.elements.kind.value)) {
      form.elements.kind.value = isWeekend(iso) ? 'WORKDAY' : 'HOLIDAY';
    }
  });
  onSubmit(form, async () => {
    const iso = form.elements.date.value;
    if (!iso) throw new ApiError(400, { errors: [{ field: 'date', code: 'required', message: t.errors['date.required'] }] });
    const set = await api(`/api/v1/admin/calendar/days/${encodeURIComponent(iso)}`,
                          { method: 'PUT', body: { kind: form.elements.kind.value } });
    await load(Number(set.date.slice(0, 4)));
    form.reset();
    return fill(t.daySet, { date: long(set.date), kind: t.dayKinds[set.kind] });
  });
  hours.addEventListener('input', () => { hours.dataset.touched = 'yes'; });
  onSubmit(hours, async () => {
    const view = await api('/api/v1/admin/calendar', {
      method: 'PATCH',
      body: { workStartsAt: hours.elements.workStartsAt.value || undefined, workEndsAt: hours.elements.workEndsAt.value || undefined },
    });
    delete hours.dataset.touched;
    hours.elements.workStartsAt.value = view.workStartsAt;
    hours.elements.workEndsAt.value = view.workEndsAt;
    return fill(t.hoursSaved, { from: view.workStartsAt, to: view.workEndsAt });
  });
  $('year-back').addEventListener('click', () => load(shown.year - 1).catch((e) => problem(e)));
  $('year-on').addEventListener('click', () => load(shown.year + 1).catch((e) => problem(e)));

  return { load: () => load() };
}
