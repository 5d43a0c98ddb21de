using System.Text;

namespace MixNMatchttp.Auth;

/// <summary>
/// Replaces a file's content so that a reader sees the old content or the new, never a part: the new content goes to a
/// temporary file in the same directory (created 0600), which is flushed to disk (fsync), given the original's
/// permissions (0600 when there is no original), and renamed over the original. A symbolic link is followed: its
/// target is replaced, the link stays. On failure the temporary file is removed and the original is untouched.
/// </summary>
internal static class AtomicFile
{
    private const UnixFileMode NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="contents"/> (UTF-8, no byte order mark) to <paramref name="path"/>.
    /// <paramref name="beforeRename"/> is a test seam, called with the temporary file's path just before the rename.</summary>
    public static void Write(string path, string contents, Action<string>? beforeRename = null)
    {
        var target = Target(path);
        var temp = Path.Join(Path.GetDirectoryName(target), $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = NewFileMode;
            }

            using (var stream = new FileStream(temp, options))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, File.Exists(target) ? File.GetUnixFileMode(target) : NewFileMode);
                }

                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents));
                stream.Flush(flushToDisk: true);
            }

            beforeRename?.Invoke(temp);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The file a path names, following symbolic links.</summary>
    private static string Target(string path)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        return file.Exists && file.LinkTarget is not null ? file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName : file.FullName;
    }
}
