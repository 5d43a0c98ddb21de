using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MixNMatchttp.Logging;

/// <summary>
/// Writes one line per log event to a <see cref="LogFile"/>:
/// <c>2026-12-01T21:33:37.123Z WARN MixNMatchttp.Auth.CookieAuth[LoginFailed]: message: System.IO.IOException: exception message</c>
/// (UTC time to the millisecond, TRACE/DEBUG/INFO/WARN/ERROR/CRIT, the category, the event's name or else its id, the
/// message, then the exception's type and message when there is one). Control characters (CR, LF, ESC, …) in every part
/// are written as <c>\xNN</c>, so one event is one line whatever a client sent. When the provider's minimum level is
/// Debug or lower, the exception's stack trace (and its inner exceptions') follows on lines indented by four spaces.
/// Only events at <see cref="MinimumLevel"/> or above, of the categories under <see cref="CategoryPrefix"/>, are
/// written. The provider owns the file: disposing it writes every queued event and closes the file.
/// Added to a logging builder with <see cref="FileLoggingExtensions.AddFile"/>.
/// </summary>
[ProviderAlias("File")]
public sealed class FileLoggerProvider : ILoggerProvider, IAsyncDisposable
{
    private const string Indent = "\n    ";

    private readonly LogFile _file;
    private readonly TimeProvider _time;
    private readonly bool _stackTraces;

    /// <summary>Writes the events of the categories under <paramref name="categoryPrefix"/> (null: every category) at
    /// <paramref name="minimumLevel"/> or above to <paramref name="file"/>, stamped with <paramref name="timeProvider"/>'s
    /// time (default: the system clock).</summary>
    public FileLoggerProvider(LogFile file, LogLevel minimumLevel = LogLevel.Information, string? categoryPrefix = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        _file = file;
        MinimumLevel = minimumLevel;
        CategoryPrefix = categoryPrefix;
        _time = timeProvider ?? TimeProvider.System;
        _stackTraces = minimumLevel <= LogLevel.Debug;
    }

    /// <summary>The lowest level written.</summary>
    public LogLevel MinimumLevel { get; }

    /// <summary>The categories written: this one and those under it (<c>MixNMatchttp.Auth</c> covers
    /// <c>MixNMatchttp.Auth.CookieAuth</c>, not <c>MixNMatchttp.Authz</c>; case-insensitive); null: all.</summary>
    public string? CategoryPrefix { get; }

    public ILogger CreateLogger(string categoryName) =>
        Covers(CategoryPrefix, categoryName) ? new FileLogger(this, categoryName) : NullLogger.Instance;

    public void Dispose() => _file.Dispose();

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    /// <summary>Whether <paramref name="category"/> is <paramref name="prefix"/> or under it; every category is under null.</summary>
    internal static bool Covers(string? prefix, string category) =>
        prefix is null
        || (category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (category.Length == prefix.Length || category[prefix.Length] == '.'));

    /// <summary>The event as it is written: one line, or, with stack traces, one block of lines.</summary>
    internal string Format(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var line = new StringBuilder(128 + message.Length);
        line.Append(CultureInfo.InvariantCulture, $"{_time.GetUtcNow().UtcDateTime:yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'} {LevelName(level)} ");
        HttpSyntax.AppendPrintable(line, category);
        if (!string.IsNullOrEmpty(eventId.Name))
        {
            HttpSyntax.AppendPrintable(line.Append('['), eventId.Name).Append(']');
        }
        else if (eventId.Id != 0)
        {
            line.Append(CultureInfo.InvariantCulture, $"[{eventId.Id}]");
        }

        HttpSyntax.AppendPrintable(line.Append(": "), message);
        if (exception is not null)
        {
            AppendException(line.Append(": "), exception);
            if (_stackTraces)
            {
                AppendStackTrace(line, exception);
            }
        }

        return line.ToString();
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "CRIT",
    };

    private static StringBuilder AppendException(StringBuilder line, Exception exception) =>
        HttpSyntax.AppendPrintable(line.Append(exception.GetType().FullName).Append(": "), exception.Message);

    private static void AppendStackTrace(StringBuilder line, Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current != exception)
            {
                AppendException(line.Append(Indent).Append("---> "), current);
            }

            foreach (var frame in (current.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                HttpSyntax.AppendPrintable(line.Append(Indent), frame);
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.MinimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider._file.WriteLine(provider.Format(logLevel, category, eventId, formatter(state, exception), exception));
            }
        }
    }
}
