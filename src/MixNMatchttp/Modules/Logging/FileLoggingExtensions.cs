using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MixNMatchttp.Logging;

/// <summary>Routes log events to files:
/// <code>
/// logging.AddFile("logs/error.log", LogLevel.Warning)                           // every category, warnings and errors
///        .AddFile("logs/auth.log", LogLevel.Information, "MixNMatchttp.Auth")   // one component
///        .AddFile("logs/debug-auth.log", LogLevel.Debug, "MixNMatchttp.Auth");  // the same, with debug events and stack traces
/// </code>
/// </summary>
public static class FileLoggingExtensions
{
    /// <summary>
    /// Adds a <see cref="FileLoggerProvider"/> writing the events of the categories under
    /// <paramref name="categoryPrefix"/> (null: all) at <paramref name="minimumLevel"/> or above to
    /// <paramref name="path"/>, rotated as <paramref name="rotation"/> says. The file is opened when the logger factory
    /// is built, stamped with the services' <see cref="TimeProvider"/> (the server's clock), and closed when the
    /// services are disposed; a failure to write it goes to the standard error.
    /// <para>A file without a prefix gets what the builder's own filters (<c>SetMinimumLevel</c>, <c>AddFilter</c>) let
    /// through and is at <paramref name="minimumLevel"/> or above. A file with a prefix gets its categories at its level
    /// whatever the builder's filters say (one filter rule per prefix for the file loggers, at the lowest level any file
    /// asks for there), so a debug file gets debug events while the console stays at Information.</para>
    /// </summary>
    public static ILoggingBuilder AddFile(this ILoggingBuilder builder, string path, LogLevel minimumLevel = LogLevel.Information, string? categoryPrefix = null, LogRotation? rotation = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (categoryPrefix is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(categoryPrefix);
        }

        var settings = (rotation ?? new LogRotation()).Copy();
        if (settings.Problem(nameof(LogRotation)) is { } problem)
        {
            throw new ArgumentException(problem, nameof(rotation));
        }

        builder.Services.AddSingleton<ILoggerProvider>(services =>
        {
            var time = services.GetService<TimeProvider>();
            return new FileLoggerProvider(new LogFile(path, settings, logger: null, time), minimumLevel, categoryPrefix, time);
        });
        builder.Services.AddSingleton(new FileLogRoute(categoryPrefix, minimumLevel));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<LoggerFilterOptions>, FileLogRules>());
        return builder;
    }

    /// <summary>What one file log asks for.</summary>
    private sealed record FileLogRoute(string? CategoryPrefix, LogLevel MinimumLevel);

    /// <summary>For each category prefix a file log names, a filter rule of the file loggers at the lowest level any
    /// file log wants for it (its own, a shorter prefix's, or an all-categories file's): filter rules pick the rule of the
    /// longest prefix, so a rule for <c>MixNMatchttp.Auth</c> at Information must not hide the Debug events a
    /// <c>MixNMatchttp</c> debug file asks for. Each provider then keeps only what it asked for.</summary>
    private sealed class FileLogRules(IEnumerable<FileLogRoute> routes) : IConfigureOptions<LoggerFilterOptions>
    {
        public void Configure(LoggerFilterOptions options)
        {
            var all = routes.ToList();
            foreach (var prefix in all.Select(route => route.CategoryPrefix).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var level = all.Where(route => FileLoggerProvider.Covers(route.CategoryPrefix, prefix)).Min(route => route.MinimumLevel);
                options.Rules.Add(new LoggerFilterRule(typeof(FileLoggerProvider).FullName, prefix, level, filter: null));
            }
        }
    }
}
