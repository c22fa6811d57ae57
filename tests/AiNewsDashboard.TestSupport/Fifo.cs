using System.Diagnostics;

namespace AiNewsDashboard.TestSupport;

/// <summary>Named pipes for tests of what must never be opened: reading one blocks until something writes to it.</summary>
public static class Fifo
{
    public static void Make(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
            throw new InvalidOperationException($"mkfifo {path} failed ({mkfifo.ExitCode})");
    }

    /// <summary>
    /// Releases a reader stuck opening the FIFO, so a failed test ends instead of hanging. Opened for reading and
    /// writing, a FIFO opens at once on Linux (with or without a reader), and counts as the writer the reader waits for.
    /// </summary>
    public static void Unblock(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (IOException)
        {
        }
    }
}
