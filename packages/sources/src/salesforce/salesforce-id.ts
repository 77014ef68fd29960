const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/**
 * The 3-character checksum Salesforce appends to a 15-character, case-sensitive
 * id to make its 18-character, case-insensitive form: for each block of 5
 * characters, a 5-bit number with bit i set when character i is an upper-case
 * letter, written as one character of `A–Z0–5`.
 */
export function salesforceIdSuffix(id15: string): string {
  let suffix = "";
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/**
 * Why an 18-character id is refused although it has the shape of one: its
 * first 15 characters mix upper- and lower-case letters (so their case was
 * kept) and disagree with the case the suffix records. Such an id was edited or
 * mangled; rewriting it to the suffix's case could name another record.
 * `undefined` when the text is not an 18-character id of that kind.
 */
export function salesforceIdSuffixMismatch(input: string): string | undefined {
  const id = input.trim();
  if (id.length !== 18 || !/^[a-zA-Z0-9]+$/.test(id)) return undefined;
  const base = id.slice(0, 15);
  if (base.toLowerCase() === base || base.toUpperCase() === base) return undefined;
  const expected = salesforceIdSuffix(base);
  if (expected === id.slice(15).toUpperCase()) return undefined;
  return `the suffix of the 18-character Salesforce id ${JSON.stringify(id)} does not match its first 15 characters (their case gives ${expected})`;
}

/**
 * The canonical 18-character form of a Salesforce record id, or `undefined`
 * when the text is not one. A 15-character id gets its checksum suffix. An
 * 18-character id whose first 15 characters are all of one case (a system that
 * folds case) gets the case its suffix records, so `001…` in 15 or 18
 * characters, lower- or upper-cased, gives one id. An 18-character id whose
 * first 15 characters mix cases must agree with its suffix, else it is refused
 * (see {@link salesforceIdSuffixMismatch}).
 */
export function toSalesforceId18(input: string): string | undefined {
  const id = input.trim();
  if (salesforceIdSuffixMismatch(id) !== undefined) return undefined;
  if (!/^[a-zA-Z0-9]+$/.test(id)) return undefined;
  if (id.length === 15) return id + salesforceIdSuffix(id);
  if (id.length !== 18) return undefined;
  const suffix = id.slice(15).toUpperCase();
  let base = "";
  for (let block = 0; block < 3; block++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[block]!);
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const ch = id[block * 5 + i]!;
      base += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  // digits cannot carry an upper-case bit
  if (salesforceIdSuffix(base) !== suffix) return undefined;
  return base + suffix;
}
