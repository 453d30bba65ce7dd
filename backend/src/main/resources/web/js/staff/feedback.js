// Feedback to the city as its dispatchers and admins read it: newest first, a page at a time, unread
// in bold until someone marks it read. What residents wrote is shown exactly as they wrote it, as
// text and never as HTML, line breaks kept.

import { $, ApiError, api, el, problem, start, when } from './session.js';

const TEXTS = {
  ru: { title: 'Обращения к городу', intro: 'Что жители пишут городу через форму на сайте; сначала новые.',
        received: 'Получено', kind: 'Вид', message: 'Сообщение', contact: 'Как ответить', state: 'Прочитано',
        unread: 'Непрочитанных', markRead: 'Отметить прочитанным', readAt: 'прочитано', empty: 'Обращений пока нет.',
        more: 'Показать ещё', forbidden: 'Обращения к городу читают диспетчеры и администраторы города.',
        kinds: { COMMENT: 'Замечание', RECOMMENDATION: 'Предложение', CRITICISM: 'Критика' } },
  tt: { title: 'Шәһәргә мөрәҗәгатьләр', intro: 'Яшәүчеләр сайттагы форма аша шәһәргә язганнар; яңалары башта.',
        received: 'Алынды', kind: 'Төр', message: 'Хәбәр', contact: 'Ничек җавап бирергә', state: 'Укылды',
        unread: 'Укылмаган', markRead: 'Укылды дип билгеләү', readAt: 'укылды', empty: 'Мөрәҗәгатьләр әлегә юк.',
        more: 'Тагын күрсәтү', forbidden: 'Шәһәргә мөрәҗәгатьләрне шәһәр диспетчерлары һәм идарәчеләре укый.',
        kinds: { COMMENT: 'Искәрмә', RECOMMENDATION: 'Тәкъдим', CRITICISM: 'Тәнкыйть' } },
  en: { title: 'Feedback to the city', intro: 'What residents write to the city through the public form; newest first.',
        received: 'Received', kind: 'Kind', message: 'Message', contact: 'How to reply', state: 'Read',
        unread: 'Unread', markRead: 'Mark read', readAt: 'read', empty: 'No feedback yet.',
        more: 'Load more', forbidden: "Feedback to the city is read by the city's dispatchers and administrators.",
        kinds: { COMMENT: 'Comment', RECOMMENDATION: 'Recommendation', CRITICISM: 'Criticism' } },
};
const PAGE = 50;

const { t } = await start(TEXTS);
const rows = $('feedback').tBodies[0];
let next = null;
let unread = 0;

function count() {
  const chip = $('unread');
  chip.textContent = `${t.unread}: ${unread}`;
  chip.dataset.unread = String(unread);
  chip.hidden = false;
}

function readState(cell, entry) {
  if (entry.readAt) {
    cell.replaceChildren(el('span', `${t.readAt} ${when(entry.readAt)}`, 'hint'));
    return;
  }
  const button = el('button', t.markRead, 'quiet mark-read');
  button.type = 'button';
  button.addEventListener('click', () => markRead(entry, cell));
  cell.replaceChildren(button);
}

function row(entry) {
  const tr = el('tr', null, entry.readAt ? '' : 'unread');
  tr.dataset.id = entry.id;
  const state = el('td', null, 'read-state');
  readState(state, entry);
  tr.append(el('td', when(entry.createdAt), 'nowrap'), el('td', t.kinds[entry.kind] || entry.kind),
            el('td', entry.text, 'feedback-text'), el('td', entry.contact || '—', 'feedback-text contact'), state);
  return tr;
}

async function markRead(entry, cell) {
  const button = cell.querySelector('button');
  button.disabled = true;
  try {
    await api(`/api/v1/admin/feedback/${encodeURIComponent(entry.id)}/read`, { method: 'POST' });
    entry.readAt = new Date().toISOString();
    cell.closest('tr').classList.remove('unread');
    readState(cell, entry);
    unread = Math.max(0, unread - 1);
    count();
    $('problem').hidden = true;
  } catch (e) {
    button.disabled = false;
    problem(e);
  }
}

async function page(after) {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (after) q.set('after', after);
  $('more').disabled = true;
  try {
    const answer = await api(`/api/v1/admin/feedback?${q}`);
    next = answer.next;
    unread = answer.unread;
    rows.append(...answer.items.map(row));
    count();
    $('empty').hidden = rows.rows.length > 0;
    $('more').hidden = !next;
    $('problem').hidden = true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      $('feedback').hidden = true;
      problem(new Error(t.forbidden));
    } else {
      problem(e);
    }
  } finally {
    $('more').disabled = false;
  }
}

$('more').addEventListener('click', () => page(next));
await page(null);
