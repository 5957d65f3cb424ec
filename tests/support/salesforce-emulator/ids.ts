const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Salesforce's case-insensitive 18-character form: three checksum characters over the 15-character id. */
export function to18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = id15[chunk * 5 + i]!;
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM[bits];
  }
  return id15 + suffix;
}

/** Record ids shaped like the real ones: key prefix (500 = Case), instance, then a counter. */
export class IdFactory {
  private counter = 0;
  constructor(private readonly keyPrefix: string) {}

  next(): string {
    this.counter += 1;
    let n = this.counter;
    let digits = '';
    do {
      digits = BASE62[n % 62] + digits;
      n = Math.floor(n / 62);
    } while (n > 0);
    return to18(`${this.keyPrefix}5g${digits.padStart(10, '0')}`);
  }
}

/** Ids are 15 or 18 characters of [0-9A-Za-z]; Salesforce answers MALFORMED_ID otherwise. */
export function isRecordId(value: string): boolean {
  return /^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(value);
}
