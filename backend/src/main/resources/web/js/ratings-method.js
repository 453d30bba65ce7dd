// The method of the public ratings, in words, as PublicRatings computes it (see docs/decisions.md,
// "Public ratings"): who is rated, over which requests, each indicator, the score, the rank and the
// minimum number of requests. Static text; no data.

import { language, localise } from './page.js';

const TEXTS = {
  ru: {
    brand: 'Открытый город', title: 'Как считается рейтинг организаций',
    who: 'В рейтинге — действующие управляющие компании, подрядчики и ресурсоснабжающие организации города.',
    which: 'Каждой организации засчитываются заявки, поданные в выбранный период (по дате подачи, в часовом поясе города), за которые она отвечает сейчас. Заявки, не переданные ни одной организации, в рейтинг не входят.',
    indicatorsTitle: 'Показатели',
    ratingTitle: 'Средняя оценка', rating: 'Среднее оценок жителей (от 1 до 5) по заявкам периода, которые жители оценили.',
    onTimeTitle: 'Решено в срок, %', onTime: 'Доля заявок периода, которые сейчас выполнены или закрыты и ни один этап которых (принять, начать работы, выполнить) не закончился позже срока, — от всех заявок периода. Сроки этапов считаются в рабочем времени по календарю города, для аварийных — в календарном.',
    reopenTitle: 'Открыты снова, %', reopen: 'Доля заявок, работу по которым житель хотя бы раз оспорил, — от заявок, которые хотя бы раз были выполнены.',
    flatsTitle: 'Заявок на 1000 квартир', flats: 'Число заявок периода, делённое на число квартир в домах под управлением организации, умноженное на 1000. Только для тех, кто управляет домами; у подрядчиков и ресурсоснабжающих организаций его нет.',
    scoreTitle: 'Балл и место',
    score: 'Каждый показатель переводится в оценку от 0 до 1: доля решённых в срок — как есть; средняя оценка r — как (r − 1) / 4; доля открытых снова — как 1 минус доля; заявки на 1000 квартир x — как 1 − (x − наименьшее) / (наибольшее − наименьшее) среди организаций рейтинга, управляющих домами (меньше заявок — лучше). Балл — взвешенное среднее имеющихся у организации оценок (в срок 40 %, оценка 30 %, открыты снова 20 %, заявки на 1000 квартир 10 %), умноженное на 100. Если показателя нет, его вес не учитывается.',
    example: 'Пример: 90 % в срок, оценка 4,2, 5 % открыты снова, квартир нет: (0,4 × 0,9 + 0,3 × 0,8 + 0,2 × 0,95) / 0,9 × 100 = 87,78.',
    rank: 'Места — по баллу, от большего к меньшему; при равенстве — по коду организации.',
    fewTitle: 'Слишком мало заявок',
    few: 'Если у организации за период меньше 30 заявок, её показатели слишком случайны для сравнения: она отмечена «мало заявок» и стоит после всех остальных (чем больше заявок, тем выше). Её балл показан для сведения, но место по нему не дают; без заявок балла нет.',
    back: 'К рейтингу',
  },
  tt: {
    brand: 'Ачык шәһәр', title: 'Оешмалар рейтингы ничек исәпләнә',
    who: 'Рейтингта — шәһәрнең эшләп килүче идарәче компанияләре, подрядчылары һәм ресурс белән тәэмин итүче оешмалары.',
    which: 'Һәр оешмага сайланган чорда (бирү көне буенча, шәһәр вакыт поясында) бирелгән һәм хәзер аның җаваплылыгындагы гаризалар исәпләнә. Бер оешмага да тапшырылмаган гаризалар рейтингка керми.',
    indicatorsTitle: 'Күрсәткечләр',
    ratingTitle: 'Уртача бәя', rating: 'Яшәүчеләр бәяләгән чор гаризалары буенча аларның бәяләренең (1 дән 5 кә кадәр) уртачасы.',
    onTimeTitle: 'Вакытында хәл ителде, %', onTime: 'Хәзер үтәлгән яки ябылган һәм бер этабы да (кабул итү, эш башлау, үтәү) срогыннан соң тәмамланмаган гаризаларның чорның барлык гаризаларына өлеше. Этап сроклары шәһәр календаре буенча эш вакытында, авария гаризалары өчен — календарь вакытында исәпләнә.',
    reopenTitle: 'Яңадан ачылды, %', reopen: 'Яшәүче эшне ким дигәндә бер тапкыр бәхәсләшкән гаризаларның ким дигәндә бер тапкыр үтәлгән гаризаларга өлеше.',
    flatsTitle: '1000 фатирга гаризалар', flats: 'Чор гаризалары саны, оешма идарәсендәге йортлардагы фатирлар санына бүленеп, 1000 гә тапкырланган. Йортлар белән идарә итүчеләр өчен генә; подрядчыларда һәм ресурс белән тәэмин итүчеләрдә ул юк.',
    scoreTitle: 'Балл һәм урын',
    score: 'Һәр күрсәткеч 0 дән 1 гә кадәр бәягә әйләндерелә: вакытында хәл ителгәннәр өлеше — ничек бар; уртача бәя r — (r − 1) / 4; яңадан ачылганнар өлеше — 1 минус өлеш; 1000 фатирга гаризалар x — йортлар белән идарә итүче рейтинг оешмалары арасында 1 − (x − иң кечесе) / (иң зурысы − иң кечесе) (гаризалар азрак — яхшырак). Балл — оешмада булган бәяләрнең үлчәнгән уртачасы (вакытында 40 %, бәя 30 %, яңадан ачылган 20 %, 1000 фатирга гаризалар 10 %), 100 гә тапкырланган. Күрсәткеч булмаса, аның авырлыгы исәпкә алынмый.',
    example: 'Мисал: 90 % вакытында, бәя 4,2, 5 % яңадан ачылган, фатирлар юк: (0,4 × 0,9 + 0,3 × 0,8 + 0,2 × 0,95) / 0,9 × 100 = 87,78.',
    rank: 'Урыннар — балл буенча, зурыннан кечесенә; тигез булганда — оешма коды буенча.',
    fewTitle: 'Гаризалар бик аз',
    few: 'Оешманың чорда 30 дан ким гаризасы булса, аның күрсәткечләре чагыштыру өчен бик очраклы: ул «гаризалар аз» дип билгеләнә һәм калганнардан соң тора (гаризалар күбрәк булса, югарырак). Аның баллы мәгълүмат өчен күрсәтелә, ләкин аның буенча урын бирелми; гаризалар булмаса, балл юк.',
    back: 'Рейтингка',
  },
  en: {
    brand: 'Open City', title: 'How the ratings are calculated',
    who: "Rated are the city's active management companies, contractors and resource suppliers.",
    which: "Each organisation is judged by the requests filed in the chosen period (by filing date, in the city's time zone) that it is responsible for now. Requests no organisation has been given are left out.",
    indicatorsTitle: 'Indicators',
    ratingTitle: 'Average rating', rating: "The mean of the residents' ratings (1 to 5) of the period's requests that residents rated.",
    onTimeTitle: 'Resolved on time, %', onTime: "The share of the period's requests that are now done or closed and none of whose stages (accept, start work, complete) ended after its due time, out of all the period's requests. Due times count working time on the city's calendar; for emergencies, clock time.",
    reopenTitle: 'Reopened, %', reopen: 'The share of requests whose resident disputed the work at least once, out of the requests completed at least once.',
    flatsTitle: 'Requests per 1,000 flats', flats: "The number of the period's requests divided by the number of flats in the buildings the organisation manages, times 1,000. Only for those managing buildings; contractors and resource suppliers have none.",
    scoreTitle: 'The score and the rank',
    score: 'Each indicator becomes a score from 0 to 1: the share resolved on time as it is; the average rating r as (r − 1) / 4; the reopened share as 1 minus the share; requests per 1,000 flats x as 1 − (x − lowest) / (highest − lowest) among the rated organisations managing buildings (fewer requests is better). The score is the weighted mean of the scores an organisation has (on time 40 %, rating 30 %, reopened 20 %, requests per 1,000 flats 10 %), times 100. An indicator an organisation does not have leaves its weight out.',
    example: 'Example: 90 % on time, rating 4.2, 5 % reopened, no flats: (0.4 × 0.9 + 0.3 × 0.8 + 0.2 × 0.95) / 0.9 × 100 = 87.78.',
    rank: 'Ranks follow the score, highest first; equal scores by organisation code.',
    fewTitle: 'Too few requests',
    few: 'An organisation with fewer than 30 requests in the period has figures too much down to chance to compare: it is marked "too few requests" and listed after all the others (more requests first). Its score is shown for information but gives it no rank; without requests there is no score.',
    back: 'Back to the ratings',
  },
};

const params = new URLSearchParams(location.search);
const lang = language(TEXTS, params);
localise(TEXTS[lang], lang, params);
document.getElementById('back').href = `/ratings.html?lang=${lang}`;
