import { calendarInstantToEpochMs } from "../values.js";

/** Epoch ms of `YYYY-MM-DDTHH:MM:SS.sssZ` (years 1000-9999, a day of the calendar): exactly the text `toISOString` gives for it; else NaN. */
export function canonicalInstantMs(text: string): number {
  return text.length === 24 && text.charCodeAt(19) === 46 && text.charCodeAt(23) === 90 && text.charCodeAt(0) !== 48
    ? calendarInstantToEpochMs(text)
    : Number.NaN;
}
