namespace AiNewsDashboard.TestSupport;

/// <summary>Waits for a state the test expects (never a retry of a failed assertion).</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {seconds} s");
            await Task.Delay(10);
        }
    }

    /// <summary>The same, for a state that takes asking (the store, a service) to see.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {seconds} s");
            await Task.Delay(50);
        }
    }
}
