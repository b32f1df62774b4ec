/**
 * An immutable complex number, just enough arithmetic to port scipy's zpk filter design.
 *
 * @internal
 */
export class Complex {
  constructor(
    readonly re: number,
    readonly im: number = 0,
  ) {}

  static real(re: number): Complex {
    return new Complex(re, 0);
  }

  /** numpy `isreal`: the imaginary part is exactly zero. */
  get isReal(): boolean {
    return this.im === 0;
  }

  add(other: Complex): Complex {
    return new Complex(this.re + other.re, this.im + other.im);
  }

  sub(other: Complex): Complex {
    return new Complex(this.re - other.re, this.im - other.im);
  }

  mul(other: Complex): Complex {
    return new Complex(this.re * other.re - this.im * other.im, this.re * other.im + this.im * other.re);
  }

  scale(factor: number): Complex {
    return new Complex(this.re * factor, this.im * factor);
  }

  /** Smith's algorithm with a reciprocal scale, exactly as numpy's complex `divide` loop, so results match it bit for bit. */
  div(other: Complex): Complex {
    const { re: c, im: d } = other;
    const { re: a, im: b } = this;
    if (Math.abs(c) >= Math.abs(d)) {
      if (c === 0 && d === 0) return new Complex(a / Math.abs(c), b / Math.abs(c));
      const ratio = d / c;
      const scale = 1 / (c + d * ratio);
      return new Complex((a + b * ratio) * scale, (b - a * ratio) * scale);
    }
    const ratio = c / d;
    const scale = 1 / (d + c * ratio);
    return new Complex((a * ratio + b) * scale, (b * ratio - a) * scale);
  }

  neg(): Complex {
    return new Complex(-this.re, -this.im);
  }

  conj(): Complex {
    return new Complex(this.re, -this.im);
  }

  abs(): number {
    return Math.hypot(this.re, this.im);
  }

  /** Principal square root (branch cut on the negative real axis, as numpy's `sqrt`). */
  sqrt(): Complex {
    const { re, im } = this;
    if (im === 0) {
      return re >= 0 ? new Complex(Math.sqrt(re), im) : new Complex(0, Math.sqrt(-re) * (Object.is(im, -0) ? -1 : 1));
    }
    const modulus = Math.hypot(re, im);
    if (re >= 0) {
      const t = Math.sqrt((modulus + re) / 2);
      return new Complex(t, im / (2 * t));
    }
    const t = Math.sqrt((modulus - re) / 2);
    return new Complex(Math.abs(im) / (2 * t), im >= 0 ? t : -t);
  }

  /** `e^{iθ}`. */
  static expi(theta: number): Complex {
    return new Complex(Math.cos(theta), Math.sin(theta));
  }
}
