using Microsoft.Extensions.Logging;

namespace MixNMatchttp.Auth;

/// <summary>Every log message of the auth module (event ids 600-699). No secrets are logged.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(600, LogLevel.Warning, "Users file: {Problem}", EventName = "BadUsersLine")]
    public static partial void BadUsersLine(this ILogger logger, string problem);

    [LoggerMessage(601, LogLevel.Information, "Loaded {Count} user(s) from {Path}", EventName = "UsersLoaded")]
    public static partial void UsersLoaded(this ILogger logger, int count, string path);

    [LoggerMessage(602, LogLevel.Warning, "Cannot read the users file {Path}: {Reason}; keeping the users loaded before", EventName = "UsersFileUnreadable")]
    public static partial void UsersFileUnreadable(this ILogger logger, string path, string reason);

    [LoggerMessage(603, LogLevel.Warning, "No JWT passphrase or key given: signing with a random secret, so tokens will not survive a restart", EventName = "RandomJwtSecret")]
    public static partial void RandomJwtSecret(this ILogger logger);

    [LoggerMessage(604, LogLevel.Information, "Failed login for {Username} from {Address}", EventName = "LoginFailed")]
    public static partial void LoginFailed(this ILogger logger, string username, string address);

    [LoggerMessage(605, LogLevel.Warning, "Login for {Username} from {Address} refused: locked for {Seconds} s after repeated failures", EventName = "LockedOut")]
    public static partial void LockedOut(this ILogger logger, string username, string address, int seconds);

    [LoggerMessage(606, LogLevel.Warning, "A rotated refresh token of {Username} was presented again: every refresh token of that login is revoked", EventName = "RefreshTokenReused")]
    public static partial void RefreshTokenReused(this ILogger logger, string username);

    [LoggerMessage(607, LogLevel.Debug, "Pruned {Count} expired session(s)", EventName = "Pruned")]
    public static partial void Pruned(this ILogger logger, int count);

    [LoggerMessage(608, LogLevel.Warning, "Pruning expired sessions failed", EventName = "PruneFailed")]
    public static partial void PruneFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 609, EventName = "WeakJwtSecret", Level = LogLevel.Warning,
        Message = "The {Algorithm} passphrase is {Length} bytes, shorter than the {HashBytes}-byte hash: tokens can be forged by whoever guesses it")]
    public static partial void WeakJwtSecret(this ILogger logger, string algorithm, int length, int hashBytes);

    [LoggerMessage(EventId = 610, EventName = "AuthRateLimited", Level = LogLevel.Debug,
        Message = "A password endpoint request from {Address} refused: over the address's rate limit for {Seconds} s")]
    public static partial void RateLimited(this ILogger logger, string address, int seconds);

    [LoggerMessage(EventId = 611, EventName = "PasswordHashingBusy", Level = LogLevel.Debug,
        Message = "{Path} refused with 503: every password hashing permit is taken and the queue is full or the wait too long")]
    public static partial void HashingBusy(this ILogger logger, string path);

    [LoggerMessage(EventId = 612, EventName = "UsersFileNotWritten", Level = LogLevel.Error,
        Message = "Cannot write the users file {Path}: {Reason}; the user or password change is not made")]
    public static partial void UsersFileNotWritten(this ILogger logger, string path, string reason);

    [LoggerMessage(613, LogLevel.Information, "An access token of {Username} was revoked (logout or password change)", EventName = "AccessTokenRevoked")]
    public static partial void AccessTokenRevoked(this ILogger logger, string username);
}
