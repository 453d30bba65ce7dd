// The integrators' page: the API reference, Open311, the reference data, health and metrics.

import { language, localise } from './page.js';

const TEXTS = {
  ru: {
    brand: 'Открытый город', title: 'Разработчикам и интеграторам',
    lead: 'Заявки, их статусы и справочники доступны через открытый интерфейс.',
    reference: 'Справочник API', document: 'документ OpenAPI 3', open311: 'Open311 GeoReport v2',
    categories: 'Категории заявок', districts: 'Районы', health: 'Состояние сервиса',
    metrics: 'Метрики (Prometheus)', metricsHint: 'нужен токен', home: 'На главную', languages: 'Язык',
  },
  tt: {
    brand: 'Ачык шәһәр', title: 'Эшләүчеләргә һәм интеграторларга',
    lead: 'Гаризалар, аларның статуслары һәм белешмәләр ачык интерфейс аша алына.',
    reference: 'API белешмәсе', document: 'OpenAPI 3 документы', open311: 'Open311 GeoReport v2',
    categories: 'Гариза категорияләре', districts: 'Районнар', health: 'Хезмәт халәте',
    metrics: 'Метрикалар (Prometheus)', metricsHint: 'токен кирәк', home: 'Баш биткә', languages: 'Тел',
  },
  en: {
    brand: 'Open City', title: 'For developers and integrators',
    lead: 'Requests, their status and the reference data are available through an open API.',
    reference: 'API reference', document: 'its OpenAPI 3 document', open311: 'Open311 GeoReport v2',
    categories: 'Service categories', districts: 'Districts', health: 'Health (liveness and readiness)',
    metrics: 'Metrics (Prometheus)', metricsHint: 'a token is needed', home: 'Home', languages: 'Language',
  },
};

const params = new URLSearchParams(location.search);
const lang = language(TEXTS, params);
const t = TEXTS[lang];
localise(t, lang, params);
document.querySelector('.languages').setAttribute('aria-label', t.languages);
