/**
 * A deterministic vocabulary of `size` distinct words, English and Spanish help-desk words first
 * (the common ones), then made-up words of syllables; and a skewed pick (low indexes are common,
 * as in real text), shared by the PostgreSQL and SQLite seeds.
 */
const common = (
  "printer impresora network red password contraseña error laptop portatil email correo vpn access acceso screen pantalla " +
  "server servidor invoice factura account cuenta update actualizacion install instalar slow lento broken roto login " +
  "keyboard teclado mouse raton office oficina phone telefono backup copia license licencia monitor disk disco wifi " +
  "outlook excel teams sap billing cobro payment pago user usuario report informe folder carpeta share compartir"
).split(" ");
const syllables = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split(" ");

export function vocabulary(size: number): string[] {
  const words = new Set(common);
  for (let i = 0; words.size < size; i++) {
    const a = syllables[i % syllables.length] as string;
    const b = syllables[Math.floor(i / syllables.length) % syllables.length] as string;
    const c = syllables[Math.floor(i / syllables.length ** 2) % syllables.length] as string;
    words.add(`${a}${b}${c}`);
  }
  return [...words].slice(0, size);
}

/** A 32-bit mix of two integers (splitmix-like), for reproducible pseudo-random picks. */
export const mix = (a: number, b: number): number => {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
};

/** The index of word `k` of ticket `g`: skewed to the square of a uniform draw. */
export const pick = (g: number, k: number, size: number): number => Math.floor(size * (mix(g, k) / 2 ** 32) ** 2);
