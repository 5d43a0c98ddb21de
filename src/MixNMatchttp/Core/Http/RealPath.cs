using System.Runtime.InteropServices;

namespace MixNMatchttp;

/// <summary>The canonical absolute path of an existing file, every symbolic link resolved (POSIX realpath(3)).</summary>
internal static partial class RealPath
{
    /// <summary>The resolved path, or null when the path does not exist (or cannot be resolved).</summary>
    public static string? Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        }

        var resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeFree(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NativeRealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void NativeFree(IntPtr pointer);
}
