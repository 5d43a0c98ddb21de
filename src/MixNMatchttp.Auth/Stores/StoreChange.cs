namespace MixNMatchttp.Auth;

/// <summary>Runs an action once a store change is done, or has failed (the store may have changed all the same):
/// the recent-answers stores forget what the change touched this way.</summary>
internal static class StoreChange
{
    public static async ValueTask<TResult> FinallyAsync<TResult>(this ValueTask<TResult> change, Action then)
    {
        try
        {
            return await change;
        }
        finally
        {
            then();
        }
    }

    public static async ValueTask FinallyAsync(this ValueTask change, Action then)
    {
        try
        {
            await change;
        }
        finally
        {
            then();
        }
    }
}
