// The front door: how a resident reports a problem today (the app's store pages and the call centre's
// phone, each only when the city has configured it: /api/v1/public/contacts), status by number, and
// the public pages. The links keep the chosen language.

import { language, localise } from './page.js';

const TEXTS = {
  ru: {
    brand: 'Открытый город', title: 'Заявки жителей города',
    lead: 'Сообщите о проблеме в доме или во дворе и следите, как её решают.',
    reportHeading: 'Сообщить о проблеме', reportApp: 'Заявку подают в мобильном приложении «Открытый город».',
    reportPhone: 'Или позвоните в колл-центр:',
    reportWeb: 'На сайте подать заявку пока нельзя: личный кабинет жителя появится позже.',
    statusHeading: 'Статус заявки', numberLabel: 'Номер заявки',
    numberHint: 'Как в сообщении о заявке; можно только цифры.', show: 'Показать',
    map: 'Карта открытых заявок', mapHint: 'Где и сколько заявок сейчас в работе',
    ratings: 'Рейтинг организаций', ratingsHint: 'Кто и как быстро решает заявки',
    feedback: 'Написать городу', feedbackHint: 'Отзыв, предложение или критика — не заявка',
    method: 'Как считается рейтинг', developers: 'Разработчикам и интеграторам', staff: 'Вход для сотрудников',
    languages: 'Язык', sections: 'Разделы',
  },
  tt: {
    brand: 'Ачык шәһәр', title: 'Шәһәр халкының гаризалары',
    lead: 'Йорттагы яки ишегалдындагы проблема турында хәбәр итегез һәм аның ничек хәл ителүен күзәтегез.',
    reportHeading: 'Проблема турында хәбәр итү', reportApp: 'Гариза «Ачык шәһәр» мобиль кушымтасында бирелә.',
    reportPhone: 'Яки колл-үзәккә шалтыратыгыз:',
    reportWeb: 'Сайтта гариза бирү әлегә мөмкин түгел: яшәүчеләрнең шәхси кабинеты соңрак булачак.',
    statusHeading: 'Гариза статусы', numberLabel: 'Гариза номеры',
    numberHint: 'Гариза турындагы хәбәрдәгечә; саннар гына да ярый.', show: 'Күрсәтү',
    map: 'Ачык гаризалар картасы', mapHint: 'Хәзер кайда һәм ничә гариза эштә',
    ratings: 'Оешмалар рейтингы', ratingsHint: 'Гаризаларны кем һәм ни дәрәҗәдә тиз хәл итә',
    feedback: 'Шәһәргә язу', feedbackHint: 'Фикер, тәкъдим яки тәнкыйть — гариза түгел',
    method: 'Рейтинг ничек исәпләнә', developers: 'Эшләүчеләргә һәм интеграторларга', staff: 'Хезмәткәрләр өчен керү',
    languages: 'Тел', sections: 'Бүлекләр',
  },
  en: {
    brand: 'Open City', title: 'Residents\u2019 requests to the city',
    lead: 'Report a problem in your building or yard and follow how it is solved.',
    reportHeading: 'Report a problem', reportApp: 'Requests are filed in the Open City mobile app.',
    reportPhone: 'Or call the call centre:',
    reportWeb: 'Filing on this website is not possible yet: the residents\u2019 web cabinet comes later.',
    statusHeading: 'Request status', numberLabel: 'Request number',
    numberHint: 'As in the message about your request; the digits alone will do.', show: 'Show',
    map: 'Map of open requests', mapHint: 'Where and how many requests are being worked on',
    ratings: 'Ratings of the organisations', ratingsHint: 'Who solves requests, and how fast',
    feedback: 'Write to the city', feedbackHint: 'A comment, a suggestion or criticism \u2014 not a request',
    method: 'How the ratings are calculated', developers: 'For developers and integrators', staff: 'Staff sign-in',
    languages: 'Language', sections: 'Sections',
  },
};

const params = new URLSearchParams(location.search);
const lang = language(TEXTS, params);
const t = TEXTS[lang];
const $ = (id) => document.getElementById(id);

localise(t, lang, params);
document.querySelector('.languages').setAttribute('aria-label', t.languages);
$('sections').setAttribute('aria-label', t.sections);
$('lang').value = lang;
// A language chosen here goes with the visitor to the next page (the links themselves stay plain).
document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-keep-lang]');
  if (!a || !params.get('lang') || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  location.href = `${a.getAttribute('href')}?lang=${lang}`;
});

async function showContacts() {
  try {
    const response = await fetch('/api/v1/public/contacts', { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const c = await response.json();
    for (const [id, url] of [['app-store', c.appStoreUrl], ['play-store', c.playStoreUrl]]) {
      if (url && url.startsWith('https://')) {
        $(id).href = url;
        $(id).hidden = false;
        $('stores').hidden = false;
      }
    }
    if (c.callCentrePhone) {
      $('phone').textContent = c.callCentrePhone;
      $('phone').href = `tel:${c.callCentrePhone.replace(/[^+0-9]/g, '')}`;
      $('phone-line').hidden = false;
    }
  } catch {
    // the other ways in stay; the page says how to report even without these
  }
}

showContacts();
