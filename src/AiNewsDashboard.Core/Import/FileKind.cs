using System.Runtime.InteropServices;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// Whether a path is a regular file, asked without opening it: opening a FIFO blocks until something writes to it,
/// and a device may never end. The BCL tells a FIFO, device or socket apart from a file nowhere on Unix (all are
/// "Normal" files of length 0 to FileInfo), so this asks stat(2) through the runtime's own native shim, the one
/// FileInfo itself uses. Its status record starts with two 32-bit fields, flags and mode, then the owner and group,
/// then the 64-bit size; only mode and size are read here, with room to spare for the rest.
/// </summary>
internal static class FileKind
{
    public enum Kind { Regular, Missing, Other }

    private const int TypeMask = 0xF000, RegularFile = 0x8000;

    /// <summary>The path's kind (a symbolic link is followed) and, for a regular file, its length.</summary>
    public static (Kind Kind, long Length) Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            return info.Exists ? (Kind.Regular, info.Length) : (Kind.Missing, 0);
        }
        if (Stat(path, out var status) != 0)
            // Gone, or not ours to look at: reading it says which, in the file's own error.
            return File.Exists(path) ? (Kind.Regular, 0) : (Kind.Missing, 0);
        return (status.Mode & TypeMask) == RegularFile ? (Kind.Regular, status.Size) : (Kind.Other, 0);
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
    }
}
