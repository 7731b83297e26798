"""Random streams for the golden data, written from the published algorithm definitions (pure Python integers).

* xoshiro256** 1.0 -- D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4),
  2021 (reference C code at prng.di.unimi.it): output rotl(s1 * 5, 7) * 9; t = s1 << 17; s2 ^= s0; s3 ^= s1;
  s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45). All arithmetic mod 2^64.
* SplitMix64 -- G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014, in the
  form the xoshiro authors recommend for seeding: state += 0x9E3779B97F4A7C15, output = mix64(state) with the
  variant-13 finaliser mix64(z) = (z ^ z>>31) after z = (z ^ z>>30) * 0xBF58476D1CE4E5B9,
  z = (z ^ z>>27) * 0x94D049BB133111EB. The xoshiro state is four successive SplitMix64 outputs from the seed.
* FNV-1a 64 -- G. Fowler, L. C. Noll, K.-P. Vo (IETF draft-eastlake-fnv): offset basis 0xCBF29CE484222325, for every
  byte h ^= byte, h *= 0x100000001B3 (mod 2^64).
* Uniform double on [0, 1): the top 53 bits of the output times 2^-53 (Vigna's recommended conversion).
* Gaussian: Marsaglia and Bray's polar method (SIAM Review 6(3), 1964): u, v uniform on (-1, 1), s = u^2 + v^2,
  reject s >= 1 or s = 0, f = sqrt(-2 ln s / s); the pair is (u f, v f), u f returned first.

The one engine-specific rule is how a named stream is seeded, which the engine documents as its contract
(depthlimit.random.Rng): the generator for (seed, tag) is seeded with mix64(seed) XOR mix64(FNV-1a(UTF-8 bytes of tag)),
both as 64-bit two's-complement words. Seeds are Java longs; here they are taken mod 2^64.
"""
import math

MASK = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def mix64(z):
    z &= MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def fnv1a64(data: bytes):
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & MASK
    return h


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256ss:
    """xoshiro256** seeded by SplitMix64; log is the natural logarithm used by the polar method (math.log)."""

    def __init__(self, seed, log=math.log):
        x = seed & MASK
        s = []
        for _ in range(4):
            x = (x + GOLDEN_GAMMA) & MASK
            s.append(mix64(x))
        self.s = s
        self.log = log
        self.spare = None
        self.polar_s = []          # every accepted s of the polar method, in order (for the ulp analysis)

    @classmethod
    def stream(cls, seed, tag, log=math.log):
        return cls(mix64(seed & MASK) ^ mix64(fnv1a64(tag.encode("utf-8"))), log)

    def next_u64(self):
        s0, s1, s2, s3 = self.s
        result = (_rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = _rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_double(self):
        return (self.next_u64() >> 11) * 2.0 ** -53

    def next_gaussian(self):
        if self.spare is not None:
            g, self.spare = self.spare, None
            return g
        while True:
            u = 2 * self.next_double() - 1
            v = 2 * self.next_double() - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        self.polar_s.append(s)
        f = math.sqrt(-2 * self.log(s) / s)
        self.spare = v * f
        return u * f

    def gaussians(self, count, scale=1.0):
        return [scale * self.next_gaussian() for _ in range(count)]


def to_signed(x):
    """A 64-bit word as a Java long."""
    return x - (1 << 64) if x >= 1 << 63 else x
