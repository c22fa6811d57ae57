namespace AiNewsDashboard.Demo;

/// <summary>
/// SplitMix64: tiny, fast, and fully specified, so a seed gives the same corpus on every .NET version and machine
/// (System.Random's sequence is an implementation detail). Only +, *, shifts and IEEE division are used downstream:
/// no Math.Log/Exp/Pow, whose last-bit results may differ between platforms.
/// </summary>
internal sealed class DemoRandom
{
    private ulong _state;

    public DemoRandom(ulong seed) => _state = seed;

    public void Reset(ulong seed) => _state = seed;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform in [0, n) (multiply-shift; the bias for small n is far below anything visible).</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    /// <summary>Approximately standard normal (Irwin–Hall with 4 terms): bounded to about ±3.5, no transcendental functions.</summary>
    public double NextGaussian()
    {
        double s = NextDouble() + NextDouble() + NextDouble() + NextDouble();
        return (s - 2.0) * 1.7320508075688772;
    }

    /// <summary>Index drawn from a cumulative weight table (last entry is the total).</summary>
    public int PickCumulative(ReadOnlySpan<double> cumulative)
    {
        double x = NextDouble() * cumulative[^1];
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    public void NextBytes(Span<byte> bytes)
    {
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[i..], NextUInt64());
        if (i < bytes.Length)
        {
            ulong last = NextUInt64();
            for (; i < bytes.Length; i++, last >>= 8) bytes[i] = (byte)last;
        }
    }

    /// <summary>A bijection on 32-bit values (xorshift-multiply): distinct inputs give distinct, random-looking ids.</summary>
    public static uint Scramble(uint x)
    {
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        x ^= x >> 16;
        return x;
    }
}
