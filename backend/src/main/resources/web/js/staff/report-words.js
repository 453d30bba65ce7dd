// The words of the analytics pages (report builder, cabinet) in ru/tt/en: dimensions, measures,
// stages, organisation kinds, and what the drill-down list says. Codes are the API's enum names.

export const DIMENSIONS = ['CITY', 'DISTRICT', 'BUILDING', 'ORGANISATION', 'ORGANISATION_TYPE', 'CATEGORY', 'CHANNEL',
  'REPORTER_TYPE', 'STATUS'];
export const PERIODS = ['DAY', 'WEEK', 'MONTH', 'QUARTER'];
export const MEASURES = ['COUNT', 'RESOLVED_PCT', 'RESOLVED_ON_TIME_PCT', 'OVERDUE_COUNT', 'REOPEN_RATE_PCT', 'AVG_RATING',
  'STAGE_ON_TIME_PCT', 'STAGE_MEDIAN_MINUTES', 'STAGE_P90_MINUTES'];
export const STAGES = ['ACCEPT', 'START', 'COMPLETE', 'CONFIRM'];

export const WORDS = {
  ru: {
    dimension: {
      CITY: 'Город', DISTRICT: 'Район', BUILDING: 'Дом', ORGANISATION: 'Организация', ORGANISATION_TYPE: 'Тип организации',
      CATEGORY: 'Категория', CHANNEL: 'Канал', REPORTER_TYPE: 'Заявитель', STATUS: 'Статус', DAY: 'День', WEEK: 'Неделя',
      MONTH: 'Месяц', QUARTER: 'Квартал',
    },
    measure: {
      COUNT: 'Заявок', RESOLVED_PCT: 'Решено, %', RESOLVED_ON_TIME_PCT: 'Решено в срок, %', OVERDUE_COUNT: 'Просрочено',
      REOPEN_RATE_PCT: 'Открыты снова, %', AVG_RATING: 'Средняя оценка', STAGE_ON_TIME_PCT: 'В срок, %',
      STAGE_MEDIAN_MINUTES: 'Медиана', STAGE_P90_MINUTES: '90-й перцентиль',
    },
    stageName: { ACCEPT: 'приём', START: 'начало работ', COMPLETE: 'выполнение', CONFIRM: 'подтверждение' },
    kind: { MANAGEMENT_COMPANY: 'Управляющая компания', CONTRACTOR: 'Подрядчик', RESOURCE_SUPPLIER: 'Ресурсоснабжающая',
            CITY_COMMITTEE: 'Комитет города', CALL_CENTRE: 'Колл-центр' },
    reporter: { INDIVIDUAL: 'Житель', LEGAL_ENTITY: 'Организация' },
    average: 'Город в целом', perStage: 'по этапам', none: '(нет)', weakLink: 'слабое звено', drillTitle: 'Заявки за числом',
    number: 'Номер', statusLabel: 'Статус', category: 'Категория', address: 'Адрес', filed: 'Подана',
    stageTime: 'Время этапа', running: 'идёт', late: 'с опозданием', onTime: 'в срок', empty: 'Нет заявок.',
    nothingFiled: 'Нет заявок за этот период.', more: 'Показать ещё', close: 'Закрыть', truncated: 'Показаны первые 5000 строк.',
    approximate: 'Медианы и 90-е процентили этапов взяты из гистограмм длительностей: точность ±1,6 %.',
  },
  tt: {
    dimension: {
      CITY: 'Шәһәр', DISTRICT: 'Район', BUILDING: 'Йорт', ORGANISATION: 'Оешма', ORGANISATION_TYPE: 'Оешма төре',
      CATEGORY: 'Төркем', CHANNEL: 'Канал', REPORTER_TYPE: 'Гариза бирүче', STATUS: 'Статус', DAY: 'Көн', WEEK: 'Атна',
      MONTH: 'Ай', QUARTER: 'Квартал',
    },
    measure: {
      COUNT: 'Гаризалар', RESOLVED_PCT: 'Хәл ителде, %', RESOLVED_ON_TIME_PCT: 'Вакытында хәл ителде, %',
      OVERDUE_COUNT: 'Вакыты узган', REOPEN_RATE_PCT: 'Яңадан ачылды, %', AVG_RATING: 'Уртача бәя',
      STAGE_ON_TIME_PCT: 'Вакытында, %', STAGE_MEDIAN_MINUTES: 'Медиана', STAGE_P90_MINUTES: '90нчы перцентиль',
    },
    stageName: { ACCEPT: 'кабул итү', START: 'эш башлау', COMPLETE: 'үтәү', CONFIRM: 'раслау' },
    kind: { MANAGEMENT_COMPANY: 'Идарәче компания', CONTRACTOR: 'Подрядчы', RESOURCE_SUPPLIER: 'Ресурс белән тәэмин итүче',
            CITY_COMMITTEE: 'Шәһәр комитеты', CALL_CENTRE: 'Колл-үзәк' },
    reporter: { INDIVIDUAL: 'Яшәүче', LEGAL_ENTITY: 'Оешма' },
    average: 'Бөтен шәһәр', perStage: 'этаплар буенча', none: '(юк)', weakLink: 'зәгыйфь буын', drillTitle: 'Сан артындагы гаризалар',
    number: 'Номер', statusLabel: 'Статус', category: 'Төркем', address: 'Адрес', filed: 'Бирелде',
    stageTime: 'Этап вакыты', running: 'бара', late: 'соңга калып', onTime: 'вакытында', empty: 'Гаризалар юк.',
    nothingFiled: 'Бу чорда гаризалар юк.', more: 'Тагын күрсәтү', close: 'Ябу', truncated: 'Беренче 5000 юл күрсәтелгән.',
    approximate: 'Этапларның медианасы һәм 90 процентиле озынлык гистограммаларыннан алынган: төгәллек ±1,6 %.',
  },
  en: {
    dimension: {
      CITY: 'City', DISTRICT: 'District', BUILDING: 'Building', ORGANISATION: 'Organisation', ORGANISATION_TYPE: 'Organisation type',
      CATEGORY: 'Category', CHANNEL: 'Channel', REPORTER_TYPE: 'Reporter', STATUS: 'Status', DAY: 'Day', WEEK: 'Week',
      MONTH: 'Month', QUARTER: 'Quarter',
    },
    measure: {
      COUNT: 'Requests', RESOLVED_PCT: 'Resolved, %', RESOLVED_ON_TIME_PCT: 'Resolved on time, %', OVERDUE_COUNT: 'Overdue',
      REOPEN_RATE_PCT: 'Reopened, %', AVG_RATING: 'Average rating', STAGE_ON_TIME_PCT: 'On time, %',
      STAGE_MEDIAN_MINUTES: 'Median', STAGE_P90_MINUTES: '90th percentile',
    },
    stageName: { ACCEPT: 'accept', START: 'start work', COMPLETE: 'complete', CONFIRM: 'confirm' },
    kind: { MANAGEMENT_COMPANY: 'Management company', CONTRACTOR: 'Contractor', RESOURCE_SUPPLIER: 'Resource supplier',
            CITY_COMMITTEE: 'City committee', CALL_CENTRE: 'Call centre' },
    reporter: { INDIVIDUAL: 'Resident', LEGAL_ENTITY: 'Organisation' },
    average: 'Whole city', perStage: 'per stage', none: '(none)', weakLink: 'weak link', drillTitle: 'Requests behind the figure',
    number: 'Number', statusLabel: 'Status', category: 'Category', address: 'Address', filed: 'Filed',
    stageTime: 'Stage time', running: 'running', late: 'late', onTime: 'on time', empty: 'No requests.',
    nothingFiled: 'No requests in this period.', more: 'Load more', close: 'Close', truncated: 'The first 5,000 rows are shown.',
    approximate: 'Stage medians and 90th percentiles come from duration histograms: within ±1.6 %.',
  },
};

/** A column's heading: "Median, min · start work" for a per-stage column. */
export function columnName(w, column) {
  const [measure, stage] = column.split('.');
  return stage ? `${w.measure[measure]} · ${w.stageName[stage]}` : w.measure[measure];
}

/** Columns that count requests: for them the whole city's figure is a total, not a rate to compare with. */
export function isCount(column) {
  return column === 'COUNT' || column === 'OVERDUE_COUNT';
}

/** What a column's figure counts, as the drill-down's subset and stage. */
export function subsetOf(column) {
  const [measure, stage] = column.split('.');
  const plain = { COUNT: 'ALL', RESOLVED_PCT: 'RESOLVED', RESOLVED_ON_TIME_PCT: 'RESOLVED_ON_TIME', OVERDUE_COUNT: 'OVERDUE',
                  REOPEN_RATE_PCT: 'REOPENED', AVG_RATING: 'RATED' };
  if (!stage) return { subset: plain[measure] };
  return { subset: measure === 'STAGE_ON_TIME_PCT' ? 'STAGE_LATE' : 'STAGE_DONE', stage };
}
