/**
 * Quicker checks for the two formats every envelope carries, `uuid` and `date-time`, with
 * exactly the answers of ajv-formats. An event's three UUIDs and its timestamp took about
 * 1 µs of the 1.2 µs that validating a small event costs: ajv-formats splits a date-time
 * with a regular expression and matches both halves with two more.
 *
 * Each check accepts the common spelling by looking at its characters, and hands anything
 * else to ajv-formats' own check, so that no answer can differ: the quick path only ever
 * says yes to strings that ajv-formats accepts too (test/codegen/fast-formats.test.ts
 * compares them on many generated strings).
 *
 * The generated validators carry this code as text, so that they need nothing of ours
 * at run time; codegen evaluates the same text to compile them.
 */
import { createRequire } from 'node:module';

/** The name the generated validators give the formats object. */
export const FAST_FORMATS_NAME = 'fastFormats';

/** JavaScript: defines `fastFormats`, ajv-formats' full formats with two quicker checks. */
export const fastFormatsSource = `// uuid and date-time as ajv-formats checks them, with a quick path for the common
// spelling (see src/codegen/emit/fast-formats.ts in asyncapi-kafka).
const ${FAST_FORMATS_NAME} = (() => {
  const full = require("ajv-formats/dist/formats").fullFormats;
  const fullDateTime = full["date-time"];
  const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  // The number written by the digits from \`from\` to \`to\`, or -1 if one is no digit.
  const digits = (text, from, to) => {
    let value = 0;
    for (let at = from; at < to; at++) {
      const digit = text.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  };
  const quickDateTime = (text) => {
    const length = text.length;
    if (length < 20 || text[4] !== "-" || text[7] !== "-" || text[13] !== ":" || text[16] !== ":") return false;
    const separator = text[10];
    if (separator !== "T" && separator !== "t" && separator !== " ") return false;
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1) return false;
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    if (day > (month === 2 && leap ? 29 : DAYS[month])) return false;
    const hour = digits(text, 11, 13);
    const minute = digits(text, 14, 16);
    const second = digits(text, 17, 19);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
    let at = 19;
    if (text[at] === ".") {
      at++;
      const start = at;
      while (at < length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++;
      // ajv-formats reads the seconds as a number, and 59.99… with this many digits rounds
      // to 60: such a string is left to its check.
      if (at === start || at - start > 12) return false;
    }
    const zone = text[at];
    if (zone === "Z" || zone === "z") return at + 1 === length;
    if ((zone !== "+" && zone !== "-") || at + 6 !== length || text[at + 3] !== ":") return false;
    const zoneHour = digits(text, at + 1, at + 3);
    const zoneMinute = digits(text, at + 4, at + 6);
    return zoneHour >= 0 && zoneHour <= 23 && zoneMinute >= 0 && zoneMinute <= 59;
  };
  const dateTime = (text) => quickDateTime(text) || fullDateTime.validate(text);
  const isHex = (code) => (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
  const quickUuid = (text) => {
    if (text.length !== 36) return false;
    for (let at = 0; at < 36; at++) {
      if (at === 8 || at === 13 || at === 18 || at === 23) {
        if (text[at] !== "-") return false;
      } else if (!isHex(text.charCodeAt(at))) {
        return false;
      }
    }
    return true;
  };
  const uuid = (text) => quickUuid(text) || full.uuid.test(text);
  return Object.assign({}, full, {
    "date-time": { validate: dateTime, compare: fullDateTime.compare },
    uuid,
  });
})();
`;

type Format = ((text: string) => boolean) | { validate: (text: string) => boolean } | RegExp;

/**
 * The formats of `fastFormatsSource`, evaluated here, for compiling the validators. `load`
 * stands for `require` in the text; a test gives another to see the quick paths alone.
 */
export function loadFastFormats(load: NodeRequire = createRequire(import.meta.url)): Record<string, Format> {
  // The text is this module's own constant, never anything from a document.
  const evaluate = new Function('require', `${fastFormatsSource}\nreturn ${FAST_FORMATS_NAME};`) as (
    load: NodeRequire,
  ) => Record<string, Format>;
  return evaluate(load);
}
