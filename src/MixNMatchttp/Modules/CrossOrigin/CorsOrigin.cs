namespace MixNMatchttp.CrossOrigin;

/// <summary>What the <see cref="Cors"/> module sends as <c>Access-Control-Allow-Origin</c>.</summary>
public enum CorsOrigin
{
    /// <summary><c>*</c>: any origin (browsers refuse it for requests with credentials; the lab shows that).</summary>
    Any,

    /// <summary>The request's <c>Origin</c>, whatever it is (<c>null</c> included): every origin is trusted, even with
    /// credentials. A request without an <c>Origin</c> gets <c>*</c>, as in the seed.</summary>
    Echo,

    /// <summary>The request's <c>Origin</c> when it is one of <see cref="CorsOptions.Origins"/>; no header otherwise.</summary>
    List,
}
