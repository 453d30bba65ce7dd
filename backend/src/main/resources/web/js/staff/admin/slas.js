// Deadlines tab: minutes per stage for every category, saved row by row. A city admin edits the
// city's standard (every stage, the maximum anyone may take); an organisation admin edits their
// organisation's own, stricter targets for the stages it works (an empty box means the city's
// standard) and sees the standard beside each. The server refuses anything above the standard.

import { $, api, chrome, el } from '../session.js';
import { button, cell, fill, run } from './forms.js';

const STAGES = ['ACCEPT', 'START', 'COMPLETE', 'CONFIRM'];
const OWN = ['ACCEPT', 'START', 'COMPLETE'];

/** "4 h 30 min"; whole days only for calendar time (business minutes are counted in working hours). */
export function duration(minutes, calendar) {
  if (!Number.isFinite(minutes) || minutes <= 0) return '';
  const days = calendar ? Math.floor(minutes / 1440) : 0;
  const hours = Math.floor((minutes - days * 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days} ${chrome.d}`, hours && `${hours} ${chrome.h}`, rest && `${rest} ${chrome.min}`].filter(Boolean).join(' ');
}

export function slas({ me, t, cityWide }) {
  const rows = $('slas').tBodies[0];
  for (const th of document.querySelectorAll('#slas th[data-stage]')) th.textContent = t.stages[th.dataset.stage];
  $('slas-hint').textContent = cityWide ? t.slasHintCity : t.slasHintOrg;

  function minutesBox(stage, stored, calendar, placeholder) {
    const input = document.createElement('input');
    input.type = 'number';
    input.name = stage;
    input.min = '1';
    input.max = '86400';
    input.step = '1';
    input.inputMode = 'numeric';
    input.value = stored ?? '';
    if (placeholder !== undefined) input.placeholder = String(placeholder);
    input.setAttribute('aria-label', t.stages[stage]);
    const said = el('span', duration(stored, calendar), 'hint said');
    input.addEventListener('input', () => { said.textContent = duration(Number(input.value), calendar); });
    input.stored = stored ?? null;
    return { input, said };
  }

  const typed = (input) => (input.value.trim() === '' ? null : Number(input.value));

  function row(c) {
    const tr = el('tr');
    tr.dataset.category = c.categoryCode;
    const name = cell(el('span', c.name), el('span', c.emergency ? t.roundTheClock : t.workingTime, `hint clock ${c.emergency ? 'emergency' : ''}`));
    const boxes = [];
    const cells = STAGES.map((stage) => {
      const calendar = c.emergency || stage === 'CONFIRM';
      if (cityWide) {
        const box = minutesBox(stage, c.cityMinutes[stage], calendar);
        boxes.push(box.input);
        return cell(box.input, box.said);
      }
      const city = el('span', fill(t.cityValue, { value: duration(c.cityMinutes[stage], calendar) || '—' }), 'hint');
      if (!OWN.includes(stage)) return cell(city);
      const box = minutesBox(stage, c.organisationMinutes?.[stage], calendar, c.cityMinutes[stage]);
      boxes.push(box.input);
      return cell(box.input, box.said, city);
    });
    const save = button(t.save, 'quiet save');
    const actions = cell(el('div', null, 'row'));
    actions.firstChild.append(save);
    const hasOwn = () => Object.keys(c.organisationMinutes || {}).length > 0;
    const clearOwn = button(t.useCity, 'quiet clear');
    if (!cityWide) actions.firstChild.append(clearOwn);
    actions.append(el('span', null, 'problem'), el('span', null, 'ok'));
    for (const s of actions.querySelectorAll('.problem, .ok')) s.hidden = true;

    function sync() {   // Save only when something differs from what is stored
      save.disabled = boxes.every((b) => typed(b) === b.stored);
      clearOwn.disabled = !hasOwn();
    }
    function show(view) {
      c = view;
      for (const b of boxes) {
        b.stored = (cityWide ? view.cityMinutes : view.organisationMinutes || {})[b.name] ?? null;
        b.value = b.stored ?? '';
        b.dispatchEvent(new Event('input'));
      }
    }
    tr.addEventListener('input', sync);
    const path = cityWide ? `/api/v1/admin/slas/${encodeURIComponent(c.categoryCode)}`
      : `/api/v1/admin/organisations/${encodeURIComponent(me.organisationId)}/slas/${encodeURIComponent(c.categoryCode)}`;
    save.addEventListener('click', async () => {
      await run(tr, async () => {
        const body = {};
        for (const b of boxes) if (typed(b) !== b.stored) body[b.name] = typed(b);
        show(await api(path, { method: 'PUT', body }));
        return fill(t.slaSaved, { name: c.name });
      });
      sync();
    });
    clearOwn.addEventListener('click', async () => {
      await run(tr, async () => {
        await api(path, { method: 'DELETE' });
        show({ ...c, organisationMinutes: {} });
        return fill(t.slaCleared, { name: c.name });
      });
      sync();
    });
    tr.append(name, ...cells, actions);
    sync();
    return tr;
  }

  async function load() {
    rows.replaceChildren(...(await api('/api/v1/admin/slas')).map(row));
  }

  return { load };
}
