/**
 * The order of two event ids, for events at the same instant: numeric-aware.
 * The ids are cut into runs of ASCII digits and runs of other characters and
 * compared run by run: two digit runs by their numeric value (any length, no
 * precision limit), other runs by UTF-16 code units. So `marketo:9` comes
 * before `marketo:10`, and `a2b` before `a10a`. Ids equal run by run (`a01` and
 * `a1`) are then ordered by code units, so the order is total. Negative when
 * `a` comes first, positive when `b` does, 0 only for equal ids.
 */
export function compareEventIds(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ie = i;
      while (ie < a.length && isDigit(a.charCodeAt(ie))) ie++;
      let je = j;
      while (je < b.length && isDigit(b.charCodeAt(je))) je++;
      // skip leading zeros, then the longer run is the larger number
      let is = i;
      while (is < ie - 1 && a.charCodeAt(is) === 48) is++;
      let js = j;
      while (js < je - 1 && b.charCodeAt(js) === 48) js++;
      const la = ie - is;
      const lb = je - js;
      if (la !== lb) return la - lb;
      for (let k = 0; k < la; k++) {
        const d = a.charCodeAt(is + k) - b.charCodeAt(js + k);
        if (d !== 0) return d;
      }
      i = ie;
      j = je;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  if (i < a.length || j < b.length) return a.length - i - (b.length - j);
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
