const CR = 0x0d;
const LF = 0x0a;

/**
 * Turns a CR-only message (classic Mac OS files) into CRLF; anything with a LF is returned
 * untouched. mailparser only splits lines on LF, so a CR-only message would parse as one giant
 * header line and lose every field.
 *
 * @example
 * normaliseLineEndings(Buffer.from("Subject: hi\r\rbody")).toString() // "Subject: hi\r\n\r\nbody"
 */
export const normaliseLineEndings = (raw: Buffer): Buffer => {
  if (raw.includes(LF) || !raw.includes(CR)) return raw;
  let crs = 0;
  for (const byte of raw) if (byte === CR) crs++;
  const out = Buffer.allocUnsafe(raw.length + crs);
  let j = 0;
  for (const byte of raw) {
    out[j++] = byte;
    if (byte === CR) out[j++] = LF;
  }
  return out;
};
