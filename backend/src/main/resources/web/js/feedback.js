// The feedback form: anyone writes to the city. The answer is shown as text; nothing typed is echoed as HTML.

import { language, localise } from './page.js';

const TEXTS = {
  ru: {
    brand: 'Открытый город', title: 'Написать городу',
    intro: 'Замечания, предложения и критика о жилищно-коммунальном хозяйстве города. Чтобы сообщить о проблеме по адресу, подайте заявку.',
    kindLabel: 'Что это?', COMMENT: 'Замечание', RECOMMENDATION: 'Предложение', CRITICISM: 'Критика',
    textLabel: 'Ваше сообщение', contactLabel: 'Как вам ответить (необязательно)', contactHint: 'Видят только сотрудники города.',
    send: 'Отправить', thanks: 'Спасибо! Ваше сообщение получено.', tooMany: 'С этого адреса уже написали много сообщений за час; попробуйте позже.',
    invalid: 'Проверьте сообщение: от 10 до 4000 символов.', failed: 'Не удалось отправить; попробуйте позже.',
  },
  tt: {
    brand: 'Ачык шәһәр', title: 'Шәһәргә язу',
    intro: 'Шәһәрнең торак-коммуналь хуҗалыгы турында искәрмәләр, тәкъдимнәр һәм тәнкыйть. Адрес буенча проблема турында хәбәр итү өчен гариза бирегез.',
    kindLabel: 'Бу нәрсә?', COMMENT: 'Искәрмә', RECOMMENDATION: 'Тәкъдим', CRITICISM: 'Тәнкыйть',
    textLabel: 'Хәбәрегез', contactLabel: 'Сезгә ничек җавап бирергә (мәҗбүри түгел)', contactHint: 'Аны шәһәр хезмәткәрләре генә күрә.',
    send: 'Җибәрү', thanks: 'Рәхмәт! Хәбәрегез алынды.', tooMany: 'Бу адрестан бер сәгать эчендә күп хәбәр язылды; соңрак тырышып карагыз.',
    invalid: 'Хәбәрне тикшерегез: 10 дан 4000 гә кадәр символ.', failed: 'Җибәреп булмады; соңрак тырышып карагыз.',
  },
  en: {
    brand: 'Open City', title: 'Write to the city',
    intro: "Comments, recommendations and criticism about the city's housing and communal services. To report a problem at an address, file a request instead.",
    kindLabel: 'What is it?', COMMENT: 'A comment', RECOMMENDATION: 'A recommendation', CRITICISM: 'Criticism',
    textLabel: 'Your message', contactLabel: 'How to reply to you (optional)', contactHint: "Only the city's staff see it.",
    send: 'Send', thanks: 'Thank you! Your message has been received.', tooMany: 'Many messages came from here this hour; please try later.',
    invalid: 'Please check the message: 10 to 4,000 characters.', failed: 'It could not be sent; please try later.',
  },
};

const params = new URLSearchParams(location.search);
const lang = language(TEXTS, params);
const t = TEXTS[lang];
const $ = (id) => document.getElementById(id);

localise(t, lang, params);

function say(id, message) {
  for (const other of ['problem', 'thanks']) $(other).hidden = other !== id;
  $(id).textContent = message;
}

$('feedback').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { kind: $('kind').value, text: $('text').value.trim(), contact: $('contact').value.trim() || null };
  if (body.text.length < 10 || body.text.length > 4000) return say('problem', t.invalid);
  $('send').disabled = true;
  try {
    const response = await fetch('/api/v1/public/feedback', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
    });
    if (response.status === 201) {
      $('feedback').reset();
      say('thanks', t.thanks);
    } else if (response.status === 429) {
      say('problem', t.tooMany);
    } else if (response.status === 400) {
      say('problem', t.invalid);
    } else {
      say('problem', t.failed);
    }
  } catch {
    say('problem', t.failed);
  } finally {
    $('send').disabled = false;
  }
});
