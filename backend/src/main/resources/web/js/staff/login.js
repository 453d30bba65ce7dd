// Staff sign-in: login and password (and the authenticator code when the account asks for it).
// The session comes back as HttpOnly cookies; this page never sees a token.

import { localise } from '../page.js';
import { lang, params, $ } from './session.js';

const TEXTS = {
  ru: { title: 'Вход для сотрудников', login: 'Логин', password: 'Пароль', totp: 'Код из приложения-аутентификатора',
        signIn: 'Войти', wrong: 'Неверный логин или пароль.', code: 'Введите код из приложения-аутентификатора.',
        locked: 'Слишком много попыток. Если вы пользуетесь приложением-аутентификатором, введите код из него, чтобы войти сейчас; иначе попробуйте снова через {seconds} с.', failed: 'Не удалось войти; попробуйте позже.',
        brand: 'Открытый город' },
  tt: { title: 'Хезмәткәрләр өчен керү', login: 'Логин', password: 'Серсүз', totp: 'Аутентификатор кушымтасыннан код',
        signIn: 'Керү', wrong: 'Логин яки серсүз дөрес түгел.', code: 'Аутентификатор кушымтасыннан кодны кертегез.',
        locked: 'Артык күп омтылыш. Аутентификатор кушымтасы белән файдалансагыз, хәзер керү өчен аннан кодны кертегез; юкса {seconds} секундтан соң кабат тырышып карагыз.', failed: 'Керә алмадык; соңрак тырышып карагыз.',
        brand: 'Ачык шәһәр' },
  en: { title: 'Staff sign-in', login: 'Login', password: 'Password', totp: 'Code from the authenticator app',
        signIn: 'Sign in', wrong: 'Wrong login or password.', code: 'Enter the code from your authenticator app.',
        locked: 'Too many attempts. If you use an authenticator app, enter its code to sign in now; otherwise try again in {seconds} s.', failed: 'Could not sign in; please try later.', brand: 'Open City' },
};
const t = TEXTS[lang];
localise(t, lang, params);

/** One device id per person on this browser: a shared desk computer is several devices, one per colleague. */
function device(login) {
  const key = `oc.device.${login.toLowerCase()}`;
  let id = localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(key, id);
  }
  return { id, platform: 'WEB', appVersion: 'web', name: (navigator.userAgentData?.brands?.[0]?.brand || 'Browser').slice(0, 80) };
}

function home(me) {
  const next = params.get('next');
  if (next && next.startsWith('/staff/') && !next.startsWith('//')) return next;
  return me.roles.includes('CALL_CENTRE_OPERATOR') ? '/staff/desk.html' : '/staff/board.html';
}

function say(text) {
  const p = $('problem');
  p.textContent = text;
  p.hidden = false;
}

$('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('submit').disabled = true;
  try {
    const login = $('login').value.trim();
    const body = { login, password: $('password').value, device: device(login) };
    if (!$('second').hidden && $('totp').value.trim()) body.totpCode = $('totp').value.trim();
    const response = await fetch('/api/v1/auth/web/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (response.ok) {
      location.assign(home(data.me));
      return;
    }
    if (String(data.type).endsWith('/problems/totp-required')) {
      $('second').hidden = false;
      $('totp').focus();
      say(t.code);
    } else if (response.status === 401) {
      say(t.wrong);
    } else if (response.status === 429) {
      // a delayed login still opens with the password and the authenticator code, so offer the code field
      $('second').hidden = false;
      say(t.locked.replace('{seconds}', response.headers.get('Retry-After') || '60'));
    } else {
      say(data.detail ? `${t.failed} (${data.detail})` : t.failed);
    }
  } catch (e) {
    say(`${t.failed} (${e.message})`);
  } finally {
    $('submit').disabled = false;
  }
});
$('login').focus();
