using System.Diagnostics;
using System.Threading.RateLimiting;
using AiNewsDashboard.Core.Data;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// A fixed-window limit for one client that every instance on the database counts together (<see cref="SharedRateCounts"/>),
/// so a client spread over several instances by a proxy still gets the limit once, not once per instance. The count is
/// a database write, so only the sign-in limit uses it: a sign-in writes to the database anyway. Should the database
/// not answer, the request passes (the sign-in itself then fails on the same database) and the failure is logged.
/// </summary>
public sealed class SharedWindowLimiter(SharedRateCounts counts, string key, int permits, TimeSpan window, ILogger log) : RateLimiter
{
    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Never grants at once: the count lives in the database, so the middleware asks again through <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Lease.Granted : Lease.Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        if (permitCount == 0)
            return Lease.Granted;
        try
        {
            var (count, remaining) = await counts.CountAsync(key, window, cancellationToken);
            return count <= permits ? Lease.Granted : new Lease(false, remaining);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("The shared request count for {Key} could not be read ({Error}); letting the request through", key, e.Message);
            return Lease.Granted;
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null), Undecided = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
