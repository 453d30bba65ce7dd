// What every form and editable row of the administration page shares: the answer of a call shown
// next to what was sent (each field's error beside its control, the rest in the box's message
// line), buttons held while a call runs, and small builders. A failed call never clears what was
// typed. Everything put on the page is text, never markup.

import { ApiError, el } from '../session.js';

let texts = {};

/** The page's texts (the error wording in particular); set once when the page starts. */
export function useTexts(t) {
  texts = t;
}

/** Fills {name} placeholders of a fixed text with values (as text). */
export function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, (_, k) => (values[k] ?? ''));
}

function message(field) {
  const e = texts.errors || {};
  return e[`${field.field}.${field.code}`] ?? e[field.code] ?? field.message;
}

/** Removes the marks of an earlier answer from a form or row. */
export function clear(box) {
  for (const e of box.querySelectorAll('.field-error')) e.remove();
  for (const e of box.querySelectorAll('[aria-invalid]')) {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  }
  for (const e of box.querySelectorAll(':scope .problem, :scope .ok')) e.hidden = true;
}

let ids = 0;

function mark(control, text) {
  const note = el('span', text, 'field-error');
  note.id = `field-error-${++ids}`;
  if (control.matches('fieldset, [data-field]')) {
    control.append(note);
  } else if (control.parentElement?.tagName === 'LABEL') {
    control.parentElement.append(note);
  } else {
    control.after(note);
  }
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', note.id);
}

/** Shows why a call failed: field errors beside their controls, the rest in the box's message line. */
export function showProblem(box, error) {
  const fields = error instanceof ApiError ? error.problem.errors || [] : [];
  const loose = [];
  for (const f of fields) {
    const control = box.querySelector(`[name="${CSS.escape(f.field)}"], [data-field="${CSS.escape(f.field)}"]`);
    if (control) mark(control, message(f));
    else loose.push(message(f));
  }
  let summary;
  if (!(error instanceof ApiError)) summary = texts.failed;
  else if (fields.length) summary = texts.checkFields;
  else if (error.status === 409) summary = `${texts.conflict} ${error.problem.detail || ''}`.trim();
  else if (error.status === 404) summary = texts.notFound;
  else if (error.status === 403) summary = texts.forbidden;
  else summary = error.problem.detail || error.problem.title || texts.failed;
  say(box, [summary, ...loose].join(' · '), 'problem');
  box.querySelector('[aria-invalid]')?.focus();
}

/** Puts a line in the box's message ('problem' or 'ok'). */
export function say(box, text, kind = 'ok') {
  const line = box.querySelector(`:scope .${kind}`);
  if (!line) return;
  line.textContent = text;
  line.hidden = false;
}

/**
 * Runs a call for a form or row: clears the old marks, holds its buttons, and shows the answer.
 * The action answers the success line (or nothing). Answers whether it worked.
 */
export async function run(box, action) {
  const buttons = [...box.querySelectorAll('button')].filter((b) => !b.disabled);
  clear(box);
  for (const b of buttons) b.disabled = true;
  try {
    const done = await action();
    if (done) say(box, done, 'ok');
    return true;
  } catch (e) {
    showProblem(box, e);
    return false;
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

/** Handles a form's submit with {@link run}. */
export function onSubmit(form, action) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(form, action);
  });
}

export function option(select, value, text) {
  const o = el('option', text);
  o.value = value;
  select.append(o);
  return o;
}

/** Replaces a select's options (keeping the first, "any", if asked) and keeps the choice when it is still there. */
export function options(select, items, { keepFirst = false } = {}) {
  const chosen = select.value;
  const kept = keepFirst && select.options.length ? [select.options[0]] : [];
  select.replaceChildren(...kept);
  for (const [value, text] of items) option(select, value, text);
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

export function button(text, className, onClick) {
  const b = el('button', text, className);
  b.type = 'button';
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

/** A tick box with its label, as one element; the box is at .box. */
export function tick(text, value, checked, title) {
  const label = el('label', null, 'tick');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = value;
  box.checked = checked;
  label.append(box, document.createTextNode(` ${text}`));
  if (title) label.title = title;
  label.box = box;
  return label;
}

/** The values of the ticked boxes in a container. */
export function ticked(container) {
  return [...container.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);
}

/** A table cell holding elements. */
export function cell(...children) {
  const td = el('td');
  td.append(...children);
  return td;
}

/** A text input's value, trimmed; absent when empty. */
export function value(form, name) {
  const v = form.elements[name]?.value?.trim();
  return v ? v : undefined;
}
