// The lexical forms of XML Schema's date, time and duration types, for their parsers (temporal.ts)
// and their order (temporal-order.ts). Groups: year, month, day, hour, minute, second (with its
// fraction), zone, as the form has them; a duration's sign, years, months, days, hours, minutes,
// seconds.

// XML Schema 1.0 has no year 0000 (1 BCE is -0001); 1.1 added it (1 BCE is 0000, -0001 2 BCE).
const YEAR = '(-?(?:[1-9][0-9]{3,}|0(?!000)[0-9]{3}))';
const YEAR_1_1 = '(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))';
const MONTH = '([0-9]{2})';
const DAY = '([0-9]{2})';
const TIME = '([0-9]{2}):([0-9]{2}):([0-9]{2}(?:\\.[0-9]+)?)';
const ZONE_REQUIRED = '(Z|[+-][0-9]{2}:[0-9]{2})';
const ZONE = `${ZONE_REQUIRED}?`;

export const DATE_TIME = new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${ZONE}$`);
// XML Schema 1.1's dateTimeStamp: its year, and a zone required.
export const DATE_TIME_STAMP = new RegExp(`^${YEAR_1_1}-${MONTH}-${DAY}T${TIME}${ZONE_REQUIRED}$`);
export const DATE = new RegExp(`^${YEAR}-${MONTH}-${DAY}${ZONE}$`);
export const TIME_ONLY = new RegExp(`^${TIME}${ZONE}$`);
export const G_YEAR = new RegExp(`^${YEAR}${ZONE}$`);
export const G_YEAR_MONTH = new RegExp(`^${YEAR}-${MONTH}${ZONE}$`);
// Not "--MM--", printed in the first edition of XML Schema Part 2 and corrected by an erratum
// (libxml2 refuses it too).
export const G_MONTH = new RegExp(`^--${MONTH}${ZONE}$`);
export const G_MONTH_DAY = new RegExp(`^--${MONTH}-${DAY}${ZONE}$`);
export const G_DAY = new RegExp(`^---${DAY}${ZONE}$`);

const SECONDS = '([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)S';
export const DURATION = new RegExp(
  `^(-)?P(?=[0-9]|T[0-9.])(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(?:T(?=[0-9.])(?:([0-9]+)H)?(?:([0-9]+)M)?(?:${SECONDS})?)?$`,
);
export const DAY_TIME_DURATION = new RegExp(
  `^-?P(?=[0-9]|T[0-9.])(?:[0-9]+D)?(?:T(?=[0-9.])(?:[0-9]+H)?(?:[0-9]+M)?(?:${SECONDS})?)?$`,
);
export const YEAR_MONTH_DURATION = /^-?P(?=[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?$/;
