import { inflateSync } from "node:zlib";

/** A decoded 8-bit PNG: size and RGBA-or-RGB rows, enough to tell a picture from a blank page. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** Bytes per pixel (3 = RGB, 4 = RGBA, 1 = grey). */
  readonly channels: number;
  readonly data: Buffer;
}

const channelsOf: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/**
 * Decodes a non-interlaced 8-bit PNG (what chromium and pdftoppm write) without a dependency.
 * @example
 * const { width, height } = decodePng(readFileSync("page-1.png"))
 */
export const decodePng = (png: Buffer): Pixels => {
  if (png.subarray(1, 4).toString("latin1") !== "PNG") throw new Error("not a PNG");
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Array<Buffer> = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString("latin1");
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      channels = channelsOf[body[9] as number] ?? 0;
      if (depth !== 8 || channels === 0 || body[12] !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour ${body[9]}, interlace ${body[12]})`);
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (data[row + x - channels] as number) : 0;
      const b = y > 0 ? (data[row - stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (data[row - stride + x - channels] as number) : 0;
      const v = src[x] as number;
      const out = filter === 0 ? v : filter === 1 ? v + a : filter === 2 ? v + b : filter === 3 ? v + ((a + b) >> 1) : v + paeth(a, b, c);
      data[row + x] = out & 0xff;
    }
  }
  return { width, height, channels, data };
};

/**
 * How much of a picture is drawn: the share of pixels that differ from the top-left pixel (the
 * page background), and how many distinct colours there are (coarsely, 4 bits a channel).
 * @example
 * inkOf(decodePng(png)).inked > 0.02 // more than 2% of the page is not background
 */
export const inkOf = (p: Pixels): { inked: number; colours: number } => {
  const bg = p.data.subarray(0, Math.min(3, p.channels));
  let inked = 0;
  const colours = new Set<number>();
  for (let i = 0; i < p.data.length; i += p.channels) {
    let differs = false;
    let key = 0;
    for (let c = 0; c < Math.min(3, p.channels); c++) {
      const v = p.data[i + c] as number;
      if (Math.abs(v - (bg[c] as number)) > 24) differs = true;
      key = (key << 4) | (v >> 4);
    }
    if (differs) inked++;
    colours.add(key);
  }
  return { inked: inked / (p.width * p.height), colours: colours.size };
};
